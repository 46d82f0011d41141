package dev.weft.asyncio;

import dev.weft.asyncio.internal.task.Reports;
import dev.weft.generators.Generator;
import java.lang.System.Logger.Level;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One loop's side of {@code sys.set_asyncgen_hooks} (base_events' {@code _asyncgen_firstiter_hook}
 * and {@code _asyncgen_finalizer_hook}): the async generators first iterated on the loop, held
 * weakly, so that {@link EventLoop#shutdownAsyncgens()} can close those still unfinished, and a
 * generator collected unfinished is closed by a task on the loop. Loop thread only, except the
 * finalizer, which only hands its work to the loop with {@code callSoonThreadsafe}.
 */
final class AsyncGenHooks {
  /* Weak keys: a generator nobody holds is left to its finalizer (CPython's _asyncgens WeakSet). */
  private final Map<AsyncGenerator<?, ?>, Boolean> asyncgens = new WeakHashMap<>();
  private final EventLoop loop;
  private boolean shutdownCalled;

  AsyncGenHooks(EventLoop loop) {
    this.loop = loop;
  }

  /** {@code _asyncgen_firstiter_hook}: {@code agen}, wrapping {@code gen}, is first iterated on this loop. */
  void firstIter(AsyncGenerator<?, ?> agen, Generator<?, ?, ?> gen) {
    if (shutdownCalled) {
      EventLoop.LOGGER.log(Level.WARNING, "asynchronous generator " + agen
          + " was scheduled after loop.shutdown_asyncgens() call");
    }
    asyncgens.put(agen, Boolean.TRUE);
    Reports.CLEANER.register(agen, new Finalizer(gen, new WeakReference<>(loop)));
  }

  /** {@code loop.shutdown_asyncgens()}: closes every generator still tracked, concurrently. */
  Coroutine<Void> shutdown() {
    return Asyncio.async(() -> {
      shutdownCalled = true;
      if (asyncgens.isEmpty()) return null;
      List<AsyncGenerator<?, ?>> closing = new ArrayList<>(asyncgens.keySet());
      asyncgens.clear();
      Awaitable<?>[] closes = new Awaitable<?>[closing.size()];
      for (int i = 0; i < closes.length; i++) closes[i] = closing.get(i).aclose();
      List<Object> results = Asyncio.await(GatheringFuture.gather(true, closes));
      for (int i = 0; i < closes.length; i++) {
        if (results.get(i) instanceof Throwable) {
          Map<String, Object> context = new HashMap<>();
          context.put("message", "an error occurred during closing of asynchronous generator " + closing.get(i));
          context.put("exception", results.get(i));
          context.put("asyncgen", closing.get(i));
          loop.callExceptionHandler(context);
        }
      }
      return null;
    });
  }

  /**
   * {@code _asyncgen_finalizer_hook}, run by the cleaner once the generator's facade is
   * unreachable: closes the body in a task of its loop, so its {@code finally} blocks run and may
   * await. Holds the body, never the facade, and the loop only weakly (a closed or collected loop
   * finalizes nothing, as CPython's hook does nothing once the loop is closed).
   */
  private static final class Finalizer implements Runnable {
    private final Generator<?, ?, ?> gen;
    private final WeakReference<EventLoop> loop;

    Finalizer(Generator<?, ?, ?> gen, WeakReference<EventLoop> loop) {
      this.gen = gen;
      this.loop = loop;
    }

    @Override
    public void run() {
      EventLoop l = loop.get();
      if (l == null || l.isClosed()) return;
      try {
        l.callSoonThreadsafe(() -> {
          if (gen.state() != Generator.State.CLOSED && !l.isClosed()) l.createTask(AsyncGenerator.closing(gen));
        });
      } catch (IllegalStateException closedMeanwhile) {
        // the loop closed after the check: nothing runs on it any more
      }
    }
  }
}

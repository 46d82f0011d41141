package dev.weft.asyncio;

import dev.weft.asyncio.internal.loop.DefaultExecutor;
import dev.weft.asyncio.internal.task.Awaits;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendableCallable;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * CPython's {@code runners.py}: {@code asyncio.run}, behind {@link Asyncio#run(Coroutine)} and
 * {@link VirtualTime#run(Coroutine)}.
 */
final class Runners {
  private Runners() {}

  /** {@code asyncio.run} of {@code main} on {@code loop}; see {@link Asyncio#run(Coroutine)}. */
  static <T> T run(Coroutine<T> main, EventLoop loop) {
    Objects.requireNonNull(main, "main");
    if (EventLoop.running() != null) {
      main.close();
      loop.close();
      throw new IllegalStateException("asyncio.run() cannot be called from a running event loop");
    }
    // try/finally, not try-with-resources: a VirtualMachineError from main may come out of close()
    // again as the same instance, and self-suppression would replace it with an IllegalArgumentException.
    Runner runner = new Runner(null, () -> loop, true);
    try {
      return runner.run(main);
    } finally {
      runner.close();
    }
  }

  /**
   * {@code Runner.close}'s steps before the loop closes: cancel what is left, close unfinished
   * async generators ({@code shutdown_asyncgens}), then shut the default executor down.
   */
  static void finish(EventLoop loop) {
    cancelAllTasks(loop);
    loop.runUntilComplete(loop.shutdownAsyncgens());
    loop.runUntilComplete(shutdownDefaultExecutor(loop));
  }

  private static void cancelAllTasks(EventLoop loop) {
    Set<Task<?>> toCancel = loop.tasks.pendingSet();
    if (toCancel.isEmpty()) return;
    for (Task<?> t : toCancel) t.cancel();
    loop.runUntilComplete(GatheringFuture.gather(true, toCancel.toArray(new Awaitable<?>[0])));
    for (Task<?> t : toCancel) {
      if (t.cancelled()) continue;
      Throwable exc = t.exception();
      if (exc != null) {
        Map<String, Object> context = new HashMap<>();
        context.put("message", "unhandled exception during asyncio.run() shutdown");
        context.put("exception", exc);
        context.put("task", t);
        loop.callExceptionHandler(context);
      }
    }
  }

  /**
   * asyncio.run's last step before closing, as CPython's {@code shutdown_default_executor}: a
   * thread shuts the default executor down and waits for its threads (up to 300 s) while the
   * loop keeps running.
   */
  static Coroutine<Void> shutdownDefaultExecutor(EventLoop loop) {
    return Asyncio.async(() -> {
      java.util.concurrent.ExecutorService executor = loop.defaultExecutorPool().detach();
      if (executor == null) return null;
      Future<Void> joined = loop.createFuture();
      DefaultExecutor.joinThen(executor, () -> loop.callSoonThreadsafe(() -> {
        if (!joined.done()) joined.setResult(null);
      }));
      Asyncio.await(joined);
      return null;
    });
  }
}

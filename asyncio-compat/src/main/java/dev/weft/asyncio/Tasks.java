package dev.weft.asyncio;

import dev.weft.asyncio.internal.task.Awaits;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendableCallable;
import dev.weft.continuations.internal.abi.Carrier;
import dev.weft.continuations.internal.abi.Frames;
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
import dev.weft.continuations.Context;
import dev.weft.continuations.internal.Contexts;
import dev.weft.generators.Generator;
import dev.weft.generators.StopIteration;
import dev.weft.asyncio.internal.task.Resumable;

/**
 * CPython's {@code tasks.py} (sleep, {@code ensure_future}, {@code run_coroutine_threadsafe}),
 * {@code threads.py} ({@code to_thread}) and {@code coroutines.py} (generator-based coroutines):
 * the bodies behind {@link Asyncio}'s functions of the same names.
 */
final class Tasks {
  private Tasks() {}

  static <T> Coroutine<T> sleep(double seconds, T result) {
    EventLoop running = EventLoop.running();
    if (seconds <= 0) return Coroutine.bareYield(result, running);
    return Coroutine.timedSleep(new Sleep<>(seconds, result), result, running);
  }

  /**
   * The body of {@code sleep(seconds)}, seconds above 0. Awaited in a task, the coroutine does not
   * run it: the task waits on {@link #timer} alone (see {@link SleepTimer}). Elsewhere (the task's
   * own coroutine, greenletSpawn code) it runs as CPython's sleep does: a future, completed by a
   * timer, awaited.
   */
  static final class Sleep<T> implements SuspendableCallable<T> {
    private final double seconds;
    private final T result;

    Sleep(double seconds, T result) {
      this.seconds = seconds;
      this.result = result;
    }

    /** Schedules the timer {@code task} sleeps on, from now on its loop. */
    SleepTimer timer(Task<?> task) {
      EventLoop loop = task.loop;
      if (loop.threadChecks) loop.checkThread();
      return loop.sleepTimer(loop.time() + seconds, task);
    }

    @Override
    public T call() throws Suspend {
      EventLoop loop = Asyncio.getRunningLoop();
      if (loop.threadChecks) loop.checkThread();
      WakeUp<T> f = new WakeUp<>(loop, result);
      TimerHandle h = loop.timer(loop.time() + seconds, f, null);
      try {
        Carrier c = Frames.carrier(); // this method's own (instrumented): no lookup
        Resumable task = Awaits.task(c);
        if (task != null) Awaits.suspend(c, task, f); // as await does: no awaitFuture frame kept for the whole sleep
        else Awaits.awaitElsewhere(f);
        return f.result();
      } finally {
        h.cancel();
      }
    }
  }

  private static <T> T driveGenerator(Generator<?, Object, T> gen) throws Suspend {
    Object toSend = null;
    Throwable toThrow = null;
    for (;;) {
      Object yielded;
      try {
        yielded = toThrow != null ? gen.throwInto(toThrow) : gen.send(toSend);
      } catch (StopIteration e) {
        @SuppressWarnings("unchecked")
        T value = (T) e.value();
        return value;
      }
      toSend = null;
      toThrow = null;
      try {
        if (yielded instanceof Future) {
          toSend = Awaits.awaitFuture((Future<?>) yielded);
        } else if (yielded == null) {
          Awaits.yieldOnce();
        } else {
          toThrow = new IllegalStateException("Task got bad yield: " + yielded);
        }
      } catch (Throwable t) { // as yield from: what the await raised goes into the generator
        toThrow = t;
      }
    }
  }

  /** {@link Asyncio#Asyncio.ensureFuture(Awaitable)} on {@code loop}. */
  static <T> Future<T> ensureFuture(Awaitable<T> awaitable, EventLoop loop) {
    Objects.requireNonNull(awaitable, "awaitable");
    if (awaitable instanceof Future) return (Future<T>) awaitable;
    if (awaitable instanceof Coroutine) return loop.createTask((Coroutine<T>) awaitable);
    throw new IllegalArgumentException("An asyncio.Future, a coroutine or an awaitable is required (got " + awaitable + ")");
  }

  static <T> Coroutine<T> fromGenerator(Generator<?, Object, T> gen) {
    Objects.requireNonNull(gen, "gen");
    return Asyncio.async(() -> driveGenerator(gen));
  }

  /** The sleep's future and its timer's callback; the result waits in the future's own field (8 B a sleep fewer). */
  private static final class WakeUp<T> extends Future<T> implements Runnable {
    WakeUp(EventLoop loop, T result) {
      super(loop);
      holdResult(result);
    }

    @Override
    public void run() {
      if (!done()) setResult(heldResult());
    }
  }

  static <T> Coroutine<T> toThread(Callable<T> fn) {
    Objects.requireNonNull(fn, "fn");
    return Asyncio.async(() -> {
      Context context = Context.copyCurrent(); // the thread sees the awaiting task's variables
      return Awaits.awaitFuture(Asyncio.getRunningLoop().runInExecutor(null, () -> {
        Context previous = Contexts.swap(context);
        try {
          return fn.call();
        } finally {
          Contexts.swap(previous);
        }
      }));
    });
  }

  static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
    Objects.requireNonNull(coro, "coro");
    CompletableFuture<T> cf = new CompletableFuture<>();
    loop.callSoonThreadsafe(() -> {
      if (cf.isDone()) {
        coro.close();
        return;
      }
      Task<T> task;
      try {
        task = loop.createTask(coro);
      } catch (RuntimeException e) {
        cf.completeExceptionally(e);
        throw e;
      }
      task.addCallback(t -> t.copyOutcomeTo(cf));
      cf.whenComplete((v, e) -> {
        if (cf.isCancelled() && !loop.isClosed()) {
          try {
            loop.callSoonThreadsafe(task::cancel);
          } catch (IllegalStateException closedMeanwhile) {
            // nothing is left to cancel
          }
        }
      });
    });
    return cf;
  }
}

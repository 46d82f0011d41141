package dev.weft.asyncio;

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
 * CPython's waiting functions of {@code tasks.py} ({@code wait}, {@code wait_for},
 * {@code shield}, {@code as_completed}): the bodies behind {@link Asyncio}'s functions of the
 * same names.
 */
final class Waits {
  private Waits() {}

  static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<T>> aws, Double timeoutSeconds,
                                                  ReturnWhen when) {
    Objects.requireNonNull(aws, "aws");
    Objects.requireNonNull(when, "when");
    if (aws.isEmpty()) throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
    return Asyncio.async(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      Set<Future<T>> fs = ensureAll(aws, loop);
      return doWait(fs, timeoutSeconds, when, loop);
    });
  }

  static <T> Set<Future<T>> ensureAll(Collection<? extends Awaitable<T>> aws, EventLoop loop) {
    Map<Awaitable<T>, Future<T>> seen = new IdentityHashMap<>();
    Set<Future<T>> fs = new LinkedHashSet<>();
    for (Awaitable<T> aw : aws) {
      Future<T> f = seen.computeIfAbsent(aw, a -> Tasks.ensureFuture(a, loop));
      fs.add(f);
    }
    return fs;
  }

  private static <T> WaitResult<T> doWait(Set<Future<T>> fs, Double timeout, ReturnWhen when, EventLoop loop)
      throws Suspend {
    Future<Void> waiter = loop.createFuture();
    TimerHandle timeoutHandle = timeout == null ? null : loop.callLater(timeout, () -> {
      if (!waiter.done()) waiter.setResult(null);
    });
    Consumer<Future<T>> onCompletion = new WaitCompletion<>(fs.size(), when, waiter, timeoutHandle, loop.currentTask());
    for (Future<T> f : fs) f.addCallback(onCompletion);
    try {
      Awaits.awaitFuture(waiter);
    } finally {
      if (timeoutHandle != null) timeoutHandle.cancel();
      for (Future<T> f : fs) f.removeCallback(onCompletion);
    }
    Set<Future<T>> done = new LinkedHashSet<>();
    Set<Future<T>> pending = new LinkedHashSet<>();
    for (Future<T> f : fs) (f.done() ? done : pending).add(f);
    return new WaitResult<>(done, pending);
  }

  static <T> Coroutine<T> waitFor(Awaitable<T> aw, Double timeoutSeconds) {
    Objects.requireNonNull(aw, "aw");
    return Asyncio.async(() -> {
      if (timeoutSeconds == null) return Asyncio.await(aw);
      if (timeoutSeconds <= 0) {
        Future<T> fut = Asyncio.ensureFuture(aw);
        if (fut.done()) return fut.result();
        cancelAndWait(fut);
        try {
          return fut.result();
        } catch (CancelledError e) {
          throw new TimeoutError(null, e);
        }
      }
      return Timeout.run(Asyncio.getRunningLoop().time() + timeoutSeconds, () -> Asyncio.await(aw));
    });
  }

  private static void cancelAndWait(Future<?> fut) throws Suspend {
    Future<Void> waiter = fut.loop.createFuture();
    Consumer<Future<Object>> release = f -> {
      if (!waiter.done()) waiter.setResult(null);
    };
    @SuppressWarnings("unchecked")
    Future<Object> f = (Future<Object>) fut;
    f.addCallback(release);
    try {
      fut.cancel();
      Awaits.awaitFuture(waiter);
    } finally {
      f.removeCallback(release);
    }
  }

  static <T> Future<T> shield(Awaitable<T> aw) {
    Future<T> inner = Asyncio.ensureFuture(aw);
    if (inner.done()) return inner;
    Future<T> outer = inner.loop.createFuture();
    Consumer<Future<T>> copyToOuter = new CopyToOuter<>(outer);
    inner.addCallback(copyToOuter);
    // Once the outer is cancelled nobody listens through it: a later failure of the inner stays
    // unretrieved, so that it is reported rather than lost (SEMANTICS AF30).
    outer.addCallback(out -> {
      if (!inner.done()) inner.removeCallback(copyToOuter);
    });
    return outer;
  }

  /** {@code async with asyncio.timeout(delaySeconds)}: the deadline is taken when the block starts. */
  static <T> Coroutine<T> timeout(Double delaySeconds, SuspendableCallable<T> body) {
    Objects.requireNonNull(body, "body");
    return Asyncio.async(() -> Timeout.run(deadline(delaySeconds), body));
  }

  static <T> Coroutine<T> timeoutAt(Double when, SuspendableCallable<T> body) {
    Objects.requireNonNull(body, "body");
    return Asyncio.async(() -> Timeout.run(when, body));
  }

  static <T> Coroutine<T> timeout(Double delaySeconds, Timeout.Body<T> body) {
    Objects.requireNonNull(body, "body");
    return Asyncio.async(() -> Timeout.run(deadline(delaySeconds), body));
  }

  static <T> Coroutine<T> timeoutAt(Double when, Timeout.Body<T> body) {
    Objects.requireNonNull(body, "body");
    return Asyncio.async(() -> Timeout.run(when, body));
  }

  private static Double deadline(Double delaySeconds) {
    return delaySeconds == null ? null : Asyncio.getRunningLoop().time() + delaySeconds;
  }

  /*
   * wait's callback on each future: counts them down and releases the waiter. It stands for an
   * await by the task that called wait, as CPython 3.14's _wait records each future awaited by the
   * current task, until the future is done or the wait is over.
   */
  private static final class WaitCompletion<T> implements Consumer<Future<T>>, AwaitLink {
    private int counter;
    private final ReturnWhen when;
    private final Future<Void> waiter;
    private final TimerHandle timeoutHandle;
    private final Task<?> task;

    WaitCompletion(int counter, ReturnWhen when, Future<Void> waiter, TimerHandle timeoutHandle, Task<?> task) {
      this.counter = counter;
      this.when = when;
      this.waiter = waiter;
      this.timeoutHandle = timeoutHandle;
      this.task = task;
    }

    @Override
    public Future<?> awaiter() {
      return waiter.done() ? null : task;
    }

    @Override
    public void accept(Future<T> f) {
      counter--;
      if (counter <= 0 || when == ReturnWhen.FIRST_COMPLETED
          || (when == ReturnWhen.FIRST_EXCEPTION && !f.cancelled() && f.exception() != null)) {
        if (timeoutHandle != null) timeoutHandle.cancel();
        if (!waiter.done()) waiter.setResult(null);
      }
    }
  }

  /* shield's callback on the inner future: the outer awaits the inner (CPython's future_add_to_awaited_by). */
  private static final class CopyToOuter<T> implements Consumer<Future<T>>, AwaitLink {
    private final Future<T> outer;

    CopyToOuter(Future<T> outer) {
      this.outer = outer;
    }

    @Override
    public Future<?> awaiter() {
      return outer;
    }

    @Override
    public void accept(Future<T> in) {
      if (outer.cancelled()) {
        // Inner and outer ended in the same iteration: the outer's callback came too late to let go.
        if (!in.cancelled()) in.exception();
        return;
      }
      if (in.cancelled()) {
        outer.cancel();
      } else if (in.exception() != null) {
        outer.setException(in.exception());
      } else {
        outer.setResult(in.result());
      }
    }
  }
}

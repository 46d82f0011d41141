package dev.weft.asyncio;

import dev.weft.asyncio.internal.sync.Waiters;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendableCallable;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Python's {@code asyncio.Condition}: tasks wait, holding a {@link Lock}, until another task
 * notifies them.
 *
 * <pre>{@code
 * Condition cond = new Condition();
 * Asyncio.await(cond.acquire());
 * try { Asyncio.await(cond.waitFor(() -> !items.isEmpty())); } finally { cond.release(); }
 * }</pre>
 *
 * <p><b>Compared with Python:</b> {@code wait()} is {@link #waitAsync()}, {@code notify()} is
 * {@link #notify(int)} with 1, {@code notify_all()} is {@link #notifyAllWaiters()}: the Python
 * names are final methods of {@code Object}. Not thread-safe.
 */
public final class Condition {
  private final Lock lock;
  private final Waiters waiters = new Waiters();
  private final LoopBinding binding = new LoopBinding(this);

  /** A condition with its own lock. */
  public Condition() {
    this(new Lock());
  }

  /** A condition sharing {@code lock}. */
  public Condition(Lock lock) {
    this.lock = Objects.requireNonNull(lock, "lock");
  }

  /** Takes the underlying lock; see {@link Lock#acquire()}. */
  public Coroutine<Boolean> acquire() {
    return lock.acquire();
  }

  /** Releases the underlying lock; see {@link Lock#release()}. */
  public void release() {
    lock.release();
  }

  /** {@code async with condition}: {@link Lock#withLock} of the underlying lock. */
  public <T> Coroutine<T> withLock(SuspendableCallable<T> body) {
    return lock.withLock(body);
  }

  /** True if the underlying lock is held. */
  public boolean locked() {
    return lock.locked();
  }

  /**
   * A coroutine that releases the lock, waits for a notify, and takes the lock back before
   * returning true, even when cancelled (then it rethrows the {@link CancelledError}).
   *
   * @throws IllegalStateException (when awaited) without the lock ("cannot wait on un-acquired lock")
   */
  public Coroutine<Boolean> waitAsync() {
    return Asyncio.async(this::waitNow);
  }

  boolean waitNow() throws Suspend {
    if (!locked()) throw new IllegalStateException("cannot wait on un-acquired lock");
    release();
    CancelledError cancelled = null;
    try {
      waiters.await(binding.loop().createFuture());
      return true;
    } finally {
      // The lock must be taken back, even when the wait was cancelled.
      for (;;) {
        try {
          lock.acquireNow();
          break;
        } catch (CancelledError e) {
          cancelled = e;
        }
      }
      if (cancelled != null) throw cancelled;
    }
  }

  /** A coroutine that waits until {@code predicate} gives a true (or non-null, non-false) value, tested first; returns it. */
  public <T> Coroutine<T> waitFor(Supplier<T> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return Asyncio.async(() -> waitForNow(predicate));
  }

  <T> T waitForNow(Supplier<T> predicate) throws Suspend {
    T result = predicate.get();
    while (!truthy(result)) {
      waitNow();
      result = predicate.get();
    }
    return result;
  }

  void lockAcquireNow() throws Suspend {
    lock.acquireNow();
  }

  private static boolean truthy(Object v) {
    return v != null && !Boolean.FALSE.equals(v);
  }

  /**
   * Wakes up to {@code n} waiters, in FIFO order. A notify with nobody waiting is not remembered.
   *
   * @throws IllegalStateException without the lock ("cannot notify on un-acquired lock")
   */
  public void notify(int n) {
    if (!locked()) throw new IllegalStateException("cannot notify on un-acquired lock");
    waiters.wake(n, false);
  }

  /** Wakes every waiter; see {@link #notify(int)}. */
  public void notifyAllWaiters() {
    notify(waiters.size());
  }

  @Override
  public String toString() {
    return "Condition[" + lock + ", waiters=" + waiters.size() + "]";
  }
}

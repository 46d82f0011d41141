package dev.weft.asyncio;

import dev.weft.asyncio.internal.sync.Waiters;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendableCallable;
import java.util.Objects;

/**
 * Python's {@code asyncio.Lock}: mutual exclusion between tasks of one loop, fair (FIFO, no
 * barging) and not owned (any task may release it).
 *
 * <pre>{@code
 * Lock lock = new Lock();
 * String s = Asyncio.await(lock.withLock(() -> {      // async with lock:
 *   return Asyncio.await(fetch());
 * }));
 * }</pre>
 *
 * <p><b>Compared with Python:</b> {@code async with lock} is {@link #withLock}. Not thread-safe:
 * use it on its loop's thread.
 */
public final class Lock {
  private final Waiters waiters = new Waiters();
  private final LoopBinding binding = new LoopBinding(this);
  private boolean locked;

  /** An unlocked lock; it binds to the loop of its first blocking use. */
  public Lock() {}

  /** True if the lock is held. */
  public boolean locked() {
    return locked;
  }

  /**
   * A coroutine that takes the lock: at once if it is free and nobody waits, otherwise after the
   * tasks already waiting (FIFO). Returns true.
   */
  public Coroutine<Boolean> acquire() {
    return Asyncio.async(this::acquireNow);
  }

  boolean acquireNow() throws Suspend {
    if (!locked && waiters.allCancelled()) {
      locked = true;
      return true;
    }
    Future<Boolean> fut = binding.loop().createFuture();
    try {
      waiters.await(fut);
    } catch (CancelledError e) {
      if (!locked) wakeUpFirst(); // we may have been woken: pass the turn on
      throw e;
    }
    locked = true;
    return true;
  }

  /**
   * Releases the lock and wakes the first waiter.
   *
   * @throws IllegalStateException if the lock is not held ("Lock is not acquired.")
   */
  public void release() {
    if (!locked) throw new IllegalStateException("Lock is not acquired.");
    locked = false;
    wakeUpFirst();
  }

  private void wakeUpFirst() {
    waiters.wakeFirst();
  }

  /** {@code async with lock}: a coroutine that runs {@code body} holding the lock, released in finally. */
  public <T> Coroutine<T> withLock(SuspendableCallable<T> body) {
    Objects.requireNonNull(body, "body");
    return Asyncio.async(() -> {
      acquireNow();
      try {
        return body.call();
      } finally {
        release();
      }
    });
  }

  @Override
  public String toString() {
    return "Lock[" + (locked ? "locked" : "unlocked") + ", waiters=" + waiters.size() + "]";
  }
}

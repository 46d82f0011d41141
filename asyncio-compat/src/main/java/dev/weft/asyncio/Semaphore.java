package dev.weft.asyncio;

import dev.weft.asyncio.internal.sync.Waiters;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendableCallable;

/**
 * Python's {@code asyncio.Semaphore}: a counter of permits; {@code acquire} waits while none is
 * left, in FIFO order.
 *
 * <pre>{@code
 * Semaphore slots = new Semaphore(3);
 * Asyncio.await(slots.acquire());
 * try { Asyncio.await(download()); } finally { slots.release(); }
 * }</pre>
 *
 * <p>Not thread-safe: use it on its loop's thread.
 */
public class Semaphore {
  private final Waiters waiters = new Waiters();
  private final LoopBinding binding = new LoopBinding(this);
  int value;

  /**
   * A semaphore with {@code value} permits.
   *
   * @throws IllegalArgumentException if {@code value < 0} ("Semaphore initial value must be >= 0")
   */
  public Semaphore(int value) {
    if (value < 0) throw new IllegalArgumentException("Semaphore initial value must be >= 0");
    this.value = value;
  }

  /**
   * {@code async with semaphore}: a coroutine that runs {@code body} holding a permit, given back
   * in a finally block (as {@link Lock#withLock}).
   */
  public <T> Coroutine<T> withAcquire(SuspendableCallable<T> body) {
    java.util.Objects.requireNonNull(body, "body");
    return Asyncio.async(() -> {
      acquireNow();
      try {
        return body.call();
      } finally {
        release();
      }
    });
  }

  /** True when an acquire would wait. */
  public boolean locked() {
    return value == 0 || !waiters.allCancelled();
  }

  /** A coroutine that takes a permit, waiting behind earlier waiters if needed; returns true. */
  public Coroutine<Boolean> acquire() {
    return Asyncio.async(this::acquireNow);
  }

  boolean acquireNow() throws Suspend {
    if (!locked()) {
      value--;
      return true;
    }
    Future<Boolean> fut = binding.loop().createFuture();
    try {
      waiters.await(fut);
    } catch (CancelledError e) {
      // Woken (given a permit) but cancelled before taking it: give it back.
      if (fut.done() && !fut.cancelled()) value++;
      throw e;
    } finally {
      // Waiters that arrived meanwhile had to queue (FIFO): wake as many as there are permits.
      while (value > 0) {
        if (!wakeUpNext()) break;
      }
    }
    return true;
  }

  /** Adds a permit and wakes the first waiter. */
  public void release() {
    value++;
    wakeUpNext();
  }

  private boolean wakeUpNext() {
    Future<Boolean> w = waiters.firstPending();
    if (w == null) return false;
    value--;
    w.setResult(true);
    return true;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[value=" + value + ", waiters=" + waiters.size() + "]";
  }
}

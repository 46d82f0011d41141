package dev.weft.asyncio.internal.sync;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Future;
import dev.weft.continuations.Suspend;
import java.util.ArrayDeque;

/**
 * The FIFO queue of waiting tasks behind Lock, Semaphore, Condition and Event, as CPython's
 * {@code collections.deque} of futures in {@code locks.py}: each waiter awaits a future of its own,
 * which leaves the queue however the wait ends (woken, cancelled, closed). Each primitive keeps
 * its own rule for whom to wake, in order. Loop thread only.
 */
public final class Waiters {
  private final ArrayDeque<Future<Boolean>> queue = new ArrayDeque<>();

  /** Queues {@code waiter} and awaits it; it is out of the queue again when this returns or throws. */
  public void await(Future<Boolean> waiter) throws Suspend {
    queue.add(waiter);
    try {
      Asyncio.await(waiter);
    } finally {
      queue.remove(waiter);
    }
  }

  /** True when no waiter is left that was not cancelled (an empty queue included). */
  public boolean allCancelled() {
    for (Future<Boolean> w : queue) {
      if (!w.cancelled()) return false;
    }
    return true;
  }

  /** Wakes the first waiter with true, if it is not done already (Lock: the turn goes to the head only). */
  public void wakeFirst() {
    Future<Boolean> first = queue.peek();
    if (first != null && !first.done()) first.setResult(true);
  }

  /** The first waiter that is not done yet, or null. */
  public Future<Boolean> firstPending() {
    for (Future<Boolean> w : queue) {
      if (!w.done()) return w;
    }
    return null;
  }

  /** Wakes up to {@code n} waiters that are not done yet, in FIFO order, with {@code value}; returns how many. */
  public int wake(int n, boolean value) {
    int woken = 0;
    for (Future<Boolean> w : queue) {
      if (woken >= n) break;
      if (!w.done()) {
        woken++;
        w.setResult(value);
      }
    }
    return woken;
  }

  public int size() {
    return queue.size();
  }
}

package dev.weft.asyncio;

import dev.weft.continuations.Suspend;

/**
 * Python's {@code asyncio.Barrier}: tasks wait until {@code parties} of them are waiting, then all
 * go on; each learns its arrival index.
 *
 * <pre>{@code
 * Barrier start = new Barrier(3);
 * Asyncio.createTask(start.waitAsync());            // two other parties
 * Asyncio.createTask(start.waitAsync());
 * int index = Asyncio.await(start.waitAsync());     // 0: this task arrives first, the two
 *                                                   // others when they start; the third lets all go
 * }</pre>
 *
 * <p><b>Compared with Python:</b> {@code wait()} is {@link #waitAsync()}. Not thread-safe.
 */
public final class Barrier {
  private enum State { FILLING, DRAINING, RESETTING, BROKEN }

  private final Condition cond = new Condition(); // notifies every waiter when the state changes
  private final int parties;
  private State state = State.FILLING;
  private int count; // tasks inside the barrier

  /**
   * A barrier for {@code parties} tasks.
   *
   * @throws IllegalArgumentException if {@code parties < 1} ("parties must be > 0")
   */
  public Barrier(int parties) {
    if (parties < 1) throw new IllegalArgumentException("parties must be > 0");
    this.parties = parties;
  }

  /**
   * A coroutine that waits until {@code parties} tasks wait, then returns this task's arrival
   * index ({@code 0..parties-1}). Tasks arriving while the barrier drains wait for the next cycle.
   *
   * @throws BrokenBarrierError (when awaited) if the barrier is or gets aborted or reset
   */
  public Coroutine<Integer> waitAsync() {
    return Asyncio.async(() -> {
      cond.lockAcquireNow();
      try {
        block();
        try {
          int index = count;
          count++;
          if (index + 1 == parties) {
            state = State.DRAINING; // we release the barrier
            cond.notifyAllWaiters();
          } else {
            waitFilled();
          }
          return index;
        } finally {
          count--;
          exit();
        }
      } finally {
        cond.release();
      }
    });
  }

  private void block() throws Suspend {
    // While the barrier drains or resets, wait: unless it is broken.
    cond.waitForNow(() -> state != State.DRAINING && state != State.RESETTING);
    if (state == State.BROKEN) throw new BrokenBarrierError("Barrier aborted");
  }

  private void waitFilled() throws Suspend {
    cond.waitForNow(() -> state != State.FILLING);
    if (state == State.BROKEN || state == State.RESETTING) throw new BrokenBarrierError("Abort or reset of barrier");
  }

  private void exit() {
    if (count == 0) {
      if (state == State.RESETTING || state == State.DRAINING) state = State.FILLING;
      cond.notifyAllWaiters();
    }
  }

  /** A coroutine that resets the barrier: current waiters get {@link BrokenBarrierError}; it stays usable. */
  public Coroutine<Void> reset() {
    return Asyncio.async(() -> {
      cond.lockAcquireNow();
      try {
        if (count > 0) {
          state = State.RESETTING;
        } else {
          state = State.FILLING;
        }
        cond.notifyAllWaiters();
      } finally {
        cond.release();
      }
      return null;
    });
  }

  /** A coroutine that breaks the barrier: current and later waiters get {@link BrokenBarrierError} until {@link #reset()}. */
  public Coroutine<Void> abort() {
    return Asyncio.async(() -> {
      cond.lockAcquireNow();
      try {
        state = State.BROKEN;
        cond.notifyAllWaiters();
      } finally {
        cond.release();
      }
      return null;
    });
  }

  /** The number of tasks needed to pass. */
  public int parties() {
    return parties;
  }

  /** The number of tasks waiting while the barrier fills (0 while it drains). */
  public int nWaiting() {
    return state == State.FILLING ? count : 0;
  }

  /** True once aborted and not reset. */
  public boolean broken() {
    return state == State.BROKEN;
  }

  @Override
  public String toString() {
    return "Barrier[" + state.name().toLowerCase() + ", waiters=" + nWaiting() + "/" + parties + "]";
  }
}

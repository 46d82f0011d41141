package dev.weft.asyncio.internal.loop;

/**
 * The time source of an event loop, in seconds on a monotonic scale. The loop asks it both for the
 * time and to let time pass when nothing is ready, so a virtual clock ({@link ManualClock}) can
 * jump straight to the next timer instead of blocking, as CPython's test {@code TestLoop} does.
 */
public interface Clock {
  /** The current time in seconds; never decreases. */
  double time();

  /**
   * Called when the loop would block for at most {@code seconds} waiting for a timer. Returns
   * {@code true} if the clock moved on by itself (virtual time), in which case the loop only polls
   * for wake-ups; {@code false} if the loop must really wait.
   */
  boolean skip(double seconds);

  /**
   * True for a clock that only moves when the loop {@link #skip}s: the loop then keeps it still
   * while a job runs on another thread, so a timeout cannot overtake the job's result.
   */
  default boolean isVirtual() {
    return false;
  }

  /** The smallest difference between two readings, used when deciding which timers are due. */
  double resolution();
}

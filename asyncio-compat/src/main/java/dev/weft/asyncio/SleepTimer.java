package dev.weft.asyncio;

/**
 * The timer of a {@code sleep(seconds)} awaited directly in a task: what the task waits for in
 * place of a future. CPython's sleep makes a future, a timer handle whose callback completes it,
 * and keeps the sleep's own frame for the whole wait; here the timer is all there is, and the
 * await saves no frame of Weft's (see {@code Coroutine.awaitInline}). A sleeping task holds about
 * a hundred bytes fewer, and waking it re-enters one frame fewer.
 *
 * <p>The task's cancel cancels the timer, as cancelling CPython's sleep future does; the first
 * cancel's message is the one the body sees, as there.
 */
final class SleepTimer extends TimerHandle {
  private final Task<?> task;
  /*
   * PENDING; FIRED: ran, the task's step that ends the sleep is queued; ENDED: that step (or one
   * stopping the sleep) began, the await is over. A byte fills a gap: the timer stays 48 bytes.
   */
  private static final byte PENDING = 0, FIRED = 1, ENDED = 2;
  private byte phase;

  SleepTimer(double when, long sequence, EventLoop loop, Task<?> task) {
    super(when, sequence, null, loop, null);
    this.task = task;
  }

  /** Due: the task's next step ends the sleep (a step of its own, as a completed future's callback). */
  @Override
  void run() {
    phase = FIRED;
    task.sleepOver(this);
  }

  /**
   * Stops the sleep for the task's {@code cancel(msg)}: false if it already ran or was stopped
   * (the task then remembers the cancel for its next step, as for a done future). Due but not run
   * yet (in the ready queue) still stops, as CPython's sleep future is still pending then.
   */
  boolean stop(String msg) {
    if (phase != PENDING || cancelled()) return false;
    cancel();
    task.sleepStopped(msg);
    return true;
  }

  /** The task's step is past the await of this sleep (it returns or throws now): see {@link #over()}. */
  void end() {
    phase = ENDED;
  }

  /** True once the sleeping task was resumed at its await: the sleep's coroutine is finished then. */
  boolean over() {
    return phase == ENDED;
  }

  @Override
  public String toString() {
    return "TimerHandle[sleep of " + task.getName() + " until " + when() + (cancelled() ? ", cancelled" : "") + "]";
  }
}

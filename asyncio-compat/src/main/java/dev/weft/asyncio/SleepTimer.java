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
  /* Ran: the task's step that ends the sleep is queued. A boolean fills a gap: the timer stays 48 bytes. */
  private boolean fired;

  SleepTimer(double when, long sequence, EventLoop loop, Task<?> task) {
    super(when, sequence, null, loop, null);
    this.task = task;
  }

  /** Due: the task's next step ends the sleep (a step of its own, as a completed future's callback). */
  @Override
  void run() {
    fired = true;
    task.sleepOver(this);
  }

  /**
   * Stops the sleep for the task's {@code cancel(msg)}: false if it already ran or was stopped
   * (the task then remembers the cancel for its next step, as for a done future). Due but not run
   * yet (in the ready queue) still stops, as CPython's sleep future is still pending then.
   */
  boolean stop(String msg) {
    if (fired || cancelled()) return false;
    cancel();
    task.sleepStopped(msg);
    return true;
  }

  @Override
  public String toString() {
    return "TimerHandle[sleep of " + task.getName() + " until " + when() + (cancelled() ? ", cancelled" : "") + "]";
  }
}

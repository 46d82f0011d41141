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
  /* Ran: the task's step that ends the sleep is queued, and a cancel can no longer stop it. */
  private boolean fired;
  /* The message of the cancel that stopped the sleep, for the CancelledError the body gets. */
  private String cancelMessage;

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
   * Stops the sleep for the task's {@code cancel(msg)}: false if it already ended or was stopped
   * (the task then remembers the cancel for its next step, as for a done future).
   */
  boolean stop(String msg) {
    if (fired || cancelled()) return false;
    cancel();
    cancelMessage = msg;
    task.sleepOver(this);
    return true;
  }

  /** Whether the sleep ran its full time (rather than being stopped). */
  boolean fired() {
    return fired;
  }

  /** What the sleeping await throws when it was stopped. */
  CancelledError cancelledError() {
    return new CancelledError(cancelMessage);
  }

  @Override
  public String toString() {
    return "TimerHandle[sleep of " + task.getName() + " until " + when() + (cancelled() ? ", cancelled" : "") + "]";
  }
}

package dev.weft.asyncio;

import dev.weft.asyncio.internal.task.Sneaky;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendableCallable;

/**
 * CPython's {@code asyncio.Timeout} ({@code async with timeout(...)}), run as a block: on expiry
 * it cancels the task; on exit it turns its own cancellation into {@link TimeoutError}.
 */
final class TimeoutScope {
  private enum State { CREATED, ENTERED, EXPIRING, EXPIRED, EXITED }

  private State state = State.CREATED;
  private Double when;
  private Task<?> task;
  private int cancellingAtEntry;
  private Handle timeoutHandler;

  private TimeoutScope(Double when) {
    this.when = when;
  }

  /** Runs {@code body} under a deadline at loop time {@code when} (null: none). */
  static <T> T run(Double when, SuspendableCallable<T> body) throws Suspend {
    TimeoutScope scope = new TimeoutScope(when);
    scope.enter();
    T result;
    try {
      result = body.call();
    } catch (Throwable t) { // exit decides: the same throwable, or a TimeoutError replacing our cancellation
      throw Sneaky.rethrow(scope.exit(t));
    }
    Throwable replaced = scope.exit(null);
    if (replaced != null) throw Sneaky.rethrow(replaced);
    return result;
  }

  private void enter() {
    if (state != State.CREATED) throw new IllegalStateException("Timeout has already been entered");
    Task<?> current = Asyncio.currentTask();
    if (current == null) throw new IllegalStateException("Timeout should be used inside a task");
    state = State.ENTERED;
    task = current;
    cancellingAtEntry = task.cancelling();
    reschedule(when);
  }

  /** Moves the deadline; a deadline already past fires through {@code callSoon}. */
  void reschedule(Double newWhen) {
    if (state != State.ENTERED) {
      if (state == State.CREATED) throw new IllegalStateException("Timeout has not been entered");
      throw new IllegalStateException("Cannot change state of " + state.name().toLowerCase() + " Timeout");
    }
    when = newWhen;
    if (timeoutHandler != null) timeoutHandler.cancel();
    if (newWhen == null) {
      timeoutHandler = null;
    } else {
      EventLoop loop = Asyncio.getRunningLoop();
      timeoutHandler = newWhen <= loop.time() ? loop.callSoon(this::onTimeout) : loop.callAt(newWhen, this::onTimeout);
    }
  }

  private Throwable exit(Throwable exc) {
    if (timeoutHandler != null) {
      timeoutHandler.cancel();
      timeoutHandler = null;
    }
    if (state == State.EXPIRING) {
      state = State.EXPIRED;
      // No cancel request since ours: the CancelledError is ours to turn into a TimeoutError.
      if (task.uncancel() <= cancellingAtEntry && exc instanceof CancelledError) return new TimeoutError(null, exc);
    } else if (state == State.ENTERED) {
      state = State.EXITED;
    }
    return exc;
  }

  private void onTimeout() {
    task.cancel();
    state = State.EXPIRING;
    timeoutHandler = null;
  }
}

package dev.weft.asyncio;

import dev.weft.asyncio.internal.task.Sneaky;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendableCallable;

/**
 * Python's {@code asyncio.Timeout}, the object of {@code async with asyncio.timeout(d) as cm}:
 * a deadline for a block of a task. When it passes, the task is cancelled; when the block ends,
 * that cancellation becomes {@link TimeoutError}. Inside the block the deadline can be read and
 * moved.
 *
 * <pre>{@code
 * String s = Asyncio.await(Asyncio.timeout(1.0, (Timeout cm) -> {
 *   cm.reschedule(cm.when() + 5);            // more time
 *   return Asyncio.await(slowQuery());
 * }));
 * }</pre>
 *
 * <p><b>Compared with Python:</b> the block is a lambda ({@link Asyncio#timeout(Double, Body)}),
 * because leaving it may replace the exception; the object cannot be entered twice by
 * construction. Loop thread only.
 */
public final class Timeout {
  /** The block under the deadline; receives the timeout to read or move it. */
  @FunctionalInterface
  public interface Body<T> {
    /** Runs the block. */
    T run(Timeout timeout) throws Suspend;
  }

  /* CPython's _State, whose words the messages and toString() show. */
  private enum State {
    CREATED("created"), ENTERED("active"), EXPIRING("expiring"), EXPIRED("expired"), EXITED("finished");

    final String word;

    State(String word) {
      this.word = word;
    }
  }

  private State state = State.CREATED;
  private Double when;
  private Task<?> task;
  private int cancellingAtEntry;
  private Handle timeoutHandler;

  private Timeout(Double when) {
    this.when = when;
  }

  /** Runs {@code body} under a deadline at loop time {@code when} (null: none). */
  static <T> T run(Double when, SuspendableCallable<T> body) throws Suspend {
    return run(when, (Timeout t) -> body.call());
  }

  /** Runs {@code body} under a deadline at loop time {@code when} (null: none), passing it the timeout. */
  static <T> T run(Double when, Body<T> body) throws Suspend {
    Timeout scope = new Timeout(when);
    scope.enter();
    T result;
    try {
      result = body.run(scope);
    } catch (Throwable t) { // exit decides: the same throwable, or a TimeoutError replacing our cancellation
      throw Sneaky.rethrow(scope.exit(t));
    }
    Throwable replaced = scope.exit(null);
    if (replaced != null) throw Sneaky.rethrow(replaced);
    return result;
  }

  @Override
  public String toString() {
    return "Timeout[" + state.word + ", when=" + when + "]";
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

  /** The deadline in loop time ({@link EventLoop#time()}), or null for none. */
  public Double when() {
    return when;
  }

  /** True once the deadline has passed and the task was cancelled for it. */
  public boolean expired() {
    return state == State.EXPIRING || state == State.EXPIRED;
  }

  /**
   * Moves the deadline to {@code newWhen} (loop time; null: none). A deadline already past fires
   * through {@code callSoon}.
   *
   * @throws IllegalStateException if the block has not started ("Timeout has not been entered")
   *     or is no longer active ("Cannot change state of expiring Timeout", "... of expired
   *     Timeout", "... of finished Timeout")
   */
  public void reschedule(Double newWhen) {
    if (state != State.ENTERED) {
      if (state == State.CREATED) throw new IllegalStateException("Timeout has not been entered");
      throw new IllegalStateException("Cannot change state of " + state.word + " Timeout");
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

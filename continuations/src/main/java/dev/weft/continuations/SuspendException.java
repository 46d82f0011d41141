package dev.weft.continuations;

/**
 * A misuse of continuations: suspending outside any continuation of the scope, through a frame
 * that was not instrumented, inside {@code synchronized}, or running a continuation that is done,
 * already running, or captured inside a suspended outer continuation.
 *
 * <p>The message names the offending method (as {@code owner.method(descriptor)} where it is
 * known) and says how to fix it. The failure is raised before any frame is saved, so the state of
 * the continuation is never corrupted: the exception travels through the body like any other.
 *
 * <pre>{@code
 * try {
 *   Continuation.suspend(scope);            // not inside a continuation of scope
 * } catch (SuspendException e) {
 *   System.out.println(e.getMessage());     // "no continuation of scope ... is running ..."
 * }
 * }</pre>
 */
public class SuspendException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with its complete message. */
  public SuspendException(String message) {
    super(message);
  }
}

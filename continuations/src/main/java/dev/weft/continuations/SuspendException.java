package dev.weft.continuations;

/**
 * A misuse of continuations: suspending outside any continuation of the scope, through a frame
 * that was not instrumented, inside {@code synchronized}, or running a continuation that is done,
 * already running, or captured inside a suspended outer continuation.
 *
 * <p>The message names the offending method (as {@code owner.method(descriptor)} where it is
 * known) and says how to fix it; {@link #reason()} and {@link #frame()} say the same as values, for
 * code that handles the failure. The failure is raised before any frame is saved, so the state of
 * the continuation is never corrupted: the exception travels through the body like any other.
 *
 * <pre>{@code
 * try {
 *   Continuation.suspend(scope);            // not inside a continuation of scope
 * } catch (SuspendException e) {
 *   assert e.reason() == SuspendException.Reason.NO_CONTINUATION;
 *   System.out.println(e.getMessage());     // "cannot suspend ContinuationScope[...] in ...: no continuation ..."
 * }
 * }</pre>
 */
public class SuspendException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a suspension or a run was refused (compare OpenJDK's {@code Continuation.Pinned}). */
  public enum Reason {
    /** No continuation of the scope is running on this thread. */
    NO_CONTINUATION,
    /** A frame in between belongs to a class that was not instrumented. */
    NOT_INSTRUMENTED,
    /** A frame in between is instrumented, but its method cannot suspend (no {@code throws Suspend}). */
    NOT_SUSPENDABLE,
    /** A frame in between is JDK code (a lambda passed to {@code forEach}, a stream, a comparator...). */
    JDK_FRAME,
    /** A frame in between was reached through reflection or a method handle. */
    REFLECTION,
    /** A frame in between is a constructor or a static initialiser. */
    IN_INITIALIZER,
    /** A frame in between holds a monitor ({@code synchronized}). */
    IN_MONITOR,
    /** A frame in between was not called from a suspension point, for a reason not listed above. */
    NOT_A_SUSPENSION_POINT,
    /** {@code run()} of a continuation that is running already. */
    RUNNING,
    /** {@code run()} of a continuation that is done. */
    DONE,
    /** {@code run()} of a continuation captured inside a suspended outer continuation. */
    CAPTURED,
    /** Any other refusal (made with the message-only constructor). */
    OTHER
  }

  private final Reason reason;
  private final transient StackTraceElement frame;

  /** Creates the exception with its complete message; its reason is {@link Reason#OTHER}. */
  public SuspendException(String message) {
    this(Reason.OTHER, null, message);
  }

  /**
   * Creates the exception with its reason, the offending frame (null where there is none, as for
   * {@link Reason#NO_CONTINUATION}'s caller unknown) and its complete message.
   */
  public SuspendException(Reason reason, StackTraceElement frame, String message) {
    super(message);
    this.reason = reason == null ? Reason.OTHER : reason;
    this.frame = frame;
  }

  /** Why the suspension or run was refused. */
  public Reason reason() {
    return reason;
  }

  /**
   * The frame the refusal blames: the one that could not be saved, or for
   * {@link Reason#NO_CONTINUATION} the method that tried to suspend; null if unknown.
   */
  public StackTraceElement frame() {
    return frame;
  }
}

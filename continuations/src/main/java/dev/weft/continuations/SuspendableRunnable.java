package dev.weft.continuations;

/**
 * A {@link Runnable} whose body may suspend: the body of a {@link Continuation}.
 *
 * <pre>{@code
 * SuspendableRunnable body = () -> { System.out.println("a"); Continuation.suspend(scope); System.out.println("b"); };
 * }</pre>
 */
@FunctionalInterface
public interface SuspendableRunnable {
  /** Runs the body; may suspend the enclosing continuation. */
  void run() throws Suspend;
}

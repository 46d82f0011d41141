package dev.weft.continuations;

/**
 * A {@link java.util.concurrent.Callable} whose body may suspend and that throws no checked
 * exception besides the {@link Suspend} marker.
 *
 * <pre>{@code
 * SuspendableCallable<String> fetch = () -> { Continuation.suspend(scope); return "done"; };
 * }</pre>
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface SuspendableCallable<T> {
  /** Computes the result; may suspend the enclosing continuation. */
  T call() throws Suspend;
}

package dev.weft.continuations;

import dev.weft.continuations.internal.abi.Frames;
import dev.weft.continuations.internal.abi.Runner;

/**
 * A one-shot delimited continuation: a body that runs on the calling thread until it suspends,
 * and continues from that point the next time it is run. This is the machine under Python's
 * generators, greenlets and coroutines; Weft's upper layers are built on it.
 *
 * <pre>{@code
 * ContinuationScope scope = new ContinuationScope("demo");
 * Continuation k = new Continuation(scope, () -> {
 *   System.out.println("one");
 *   Continuation.suspend(scope);
 *   System.out.println("two");
 * });
 * k.run();                        // prints "one", returns at the suspend
 * k.run();                        // prints "two", returns at the end of the body
 * assert k.isDone();
 * }</pre>
 *
 * <p><b>How it works.</b> Methods that declare {@code throws Suspend} are rewritten by the
 * instrumenter (build plugin, {@code -javaagent} or {@code Weft.install()}). On suspend each frame
 * saves its locals and operand stack into this continuation and returns; on resume only the frame
 * that suspended is re-entered, and its callers are re-entered one by one as it returns, so the
 * cost of a resume does not grow with the depth of the stack.
 *
 * <p><b>Nesting.</b> A continuation may run inside the body of another. {@code suspend(scope)}
 * unwinds every running continuation up to the innermost one of {@code scope}; running that one
 * again resumes the inner ones too. An inner continuation captured this way can only be resumed
 * through the outer one.
 *
 * <p><b>Threads.</b> Not thread-safe, but not bound to a thread: a suspended continuation may be
 * run on another thread, as long as no two threads run it at once (that fails with
 * {@link SuspendException}). {@code ThreadLocal}s seen after a resume are the resuming thread's.
 *
 * <p><b>Compared with Loom's {@code jdk.internal.vm.Continuation}</b>: the same one-shot
 * run/suspend contract and nesting rules, on JDK 17, but only instrumented frames can be
 * suspended, and holding a monitor across a suspension is refused rather than pinning.
 */
public final class Continuation {
  /* The state machine and the saved frames; this class is only the public face of it. */
  private final Runner runner;

  /**
   * Creates a continuation that has not started.
   *
   * @throws NullPointerException if {@code scope} or {@code body} is null
   */
  public Continuation(ContinuationScope scope, SuspendableRunnable body) {
    runner = new Runner(scope.sizeHint, body);
  }

  /** The scope given at construction. */
  public ContinuationScope scope() {
    return runner.scope();
  }

  /**
   * Starts the body, or continues it right after the {@link #suspend} where it stopped, and runs
   * it on the calling thread until it suspends again or ends.
   *
   * <p>An exception escaping the body propagates out of this call, as the same instance, and the
   * continuation is done. Inside another continuation's body this call is itself a suspension
   * point: suspending an outer scope from the inner body unwinds through it.
   *
   * @throws SuspendException if the continuation is done, already running (on this or another
   *     thread), or captured inside a suspended outer continuation
   */
  @Suspendable
  public void run() {
    // Not instrumented (a runtime class): the call-site token its caller left reaches the runner.
    runner.run(Frames.carrier());
  }

  /** True once the body has returned or thrown. */
  public boolean isDone() {
    return runner.isDone();
  }

  /**
   * Suspends the innermost running continuation of {@code scope}, and every continuation running
   * inside it. The matching {@link #run()} returns; the next {@code run()} continues here, and this
   * method returns normally.
   *
   * @throws SuspendException before anything is saved, if no continuation of {@code scope} is
   *     running on this thread, if a frame in between was not instrumented or was not called from a
   *     suspension point, or if a frame in between holds a monitor; the message names the method
   */
  public static void suspend(ContinuationScope scope) throws Suspend {
    Runner.suspend(scope);
  }

  @Override
  public String toString() {
    return runner.toString();
  }
}

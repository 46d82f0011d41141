package dev.weft.asyncio.internal.task;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.internal.abi.Runner;
import dev.weft.continuations.internal.abi.SizeHint;
import dev.weft.continuations.internal.Suspensions;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendableRunnable;

/**
 * The machine a task steps: a body that runs on the loop's thread until it suspends at an await,
 * and continues there on the next {@link #resume()}. Tasks see only this interface, so the
 * mechanism underneath can change without touching {@code Task.step}.
 *
 * <p>It is a continuation of the asyncio task scope, not a {@code Generator}: generators share one
 * scope, so an await reached inside a user's generator body (running inside a task) would suspend
 * that generator instead of the task. With a scope of its own, an await suspends the task through
 * any generators or greenlets running inside it, as DESIGN.md's "one scope per layer" intends.
 */
public interface Resumable {
  /** The scope of task bodies. */
  ContinuationScope TASK_SCOPE = new ContinuationScope("asyncio-task");

  /**
   * Starts or continues the body until it suspends or ends. An exception escaping the body
   * propagates out of this call as the same instance, and the body is done.
   */
  void resume();

  /**
   * As {@link #resume()}, but the await where the body is suspended throws {@code failure}
   * (CPython's {@code coro.throw(exc)}); plain {@link #resume()} when it is null.
   */
  void resume(Throwable failure);

  /** True once the body returned or threw. */
  boolean isDone();

  /** True once the body was started. */
  boolean isStarted();

  /** A resumable running {@code body} as a continuation of {@link #TASK_SCOPE}. */
  static Resumable of(SuspendableRunnable body) {
    return new ForContinuation(body);
  }

  /**
   * Suspends the innermost running task body: its {@link #resume()} returns.
   *
   * @throws dev.weft.continuations.SuspendException outside a task body, or through a frame that
   *     was not instrumented
   */
  static void suspend() throws Suspend {
    Continuation.suspend(TASK_SCOPE);
  }

  /** The implementation over a continuation of {@link #TASK_SCOPE}. */
  final class ForContinuation implements Resumable {
    private static final SizeHint HINT = new SizeHint();
    private final Runner continuation;
    private boolean started;

    ForContinuation(SuspendableRunnable body) {
      this.continuation = new Runner(TASK_SCOPE, HINT, body);
    }

    @Override
    public void resume() {
      started = true;
      continuation.run();
    }

    @Override
    public void resume(Throwable failure) {
      if (failure != null) Suspensions.resumeWith(continuation, null, failure);
      resume();
    }

    @Override
    public boolean isDone() {
      return continuation.isDone();
    }

    @Override
    public boolean isStarted() {
      return started;
    }
  }
}

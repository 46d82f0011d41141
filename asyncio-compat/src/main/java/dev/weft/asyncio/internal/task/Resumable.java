package dev.weft.asyncio.internal.task;

import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.SuspendableRunnable;
import dev.weft.continuations.internal.Suspensions;
import dev.weft.continuations.internal.abi.Carrier;
import dev.weft.continuations.internal.abi.Frames;
import dev.weft.continuations.internal.abi.Runner;
import dev.weft.continuations.internal.abi.SizeHint;

/**
 * The body a task steps: it runs on the loop's thread until it suspends at an await, and
 * continues there on the next {@link #resume()}. It also carries the await protocol's hand-off
 * (see {@link Awaits}): what the body suspended on, and whether it runs inside greenletSpawn code.
 *
 * <p>It is a continuation of the asyncio task scope, not a {@code Generator}: generators share one
 * scope, so an await reached inside a user's generator body (running inside a task) would suspend
 * that generator instead of the task. With a scope of its own, an await suspends the task through
 * any generators or greenlets running inside it, as DESIGN.md's "one scope per layer" intends.
 *
 * <p>The body is the subclass's {@link #run()}, and the object is its own continuation's runner: one
 * object per task for the body, its driver and its saved frames (a lambda beside this one cost a
 * sleeping task 24 more bytes, a runner beside it 24 more again).
 */
public abstract class Resumable extends Runner implements SuspendableRunnable {
  /** The scope of task bodies. */
  public static final ContinuationScope TASK_SCOPE = new ContinuationScope("asyncio-task");

  private static final SizeHint HINT = new SizeHint(TASK_SCOPE);

  static {
    // The loop, task steps, handles and futures are runtime frames in the traces users read.
    Runner.hidePackageInTraces("dev.weft.asyncio.internal");
    Runner.hideInTraces(dev.weft.asyncio.Task.class, dev.weft.asyncio.EventLoop.class, dev.weft.asyncio.Handle.class,
        dev.weft.asyncio.TimerHandle.class, dev.weft.asyncio.Future.class, dev.weft.asyncio.Asyncio.class,
        dev.weft.asyncio.Coroutine.class, dev.weft.asyncio.TaskGroup.class,
        dev.weft.asyncio.Timeout.class, dev.weft.asyncio.VirtualTime.class);
    // The loop's drivers and the combinators' bodies, below and between the user's frames.
    for (String c : new String[] {"LoopDispatch", "Runner", "Runners", "BaseEventLoop", "BaseSelectorEventLoop", "LoopTasks",
        "GatheringFuture", "Waits", "Tasks", "AsCompleted", "AsyncIteration", "CreationStacks", "CallGraphs"}) {
      Runner.hideNamedInTraces("dev.weft.asyncio." + c);
    }
  }

  /* Set by the await that suspended the body: the future it waits for (null: a bare yield). */
  Object yielded;
  /*
   * The sleep(0) coroutine a bare yield of Asyncio.await is suspended in, or null: the task that
   * resumes the body finishes it and hands its result to the await (see Awaits.suspendBareYield).
   */
  Object bareYield;
  /* True while the body runs inside greenletSpawn code: an await there goes through awaitOnly (B12). */
  boolean inSpawn;

  /** A body running {@link #run()} as a continuation of {@link #TASK_SCOPE}. */
  protected Resumable() {
    super(HINT);
  }

  /**
   * Starts or continues the body until it suspends or ends. An exception escaping the body
   * propagates out of this call as the same instance, and the body is done.
   */
  public void resume() {
    resume(Frames.carrier(), null, null);
  }

  /**
   * As {@link #resume()}, but the await where the body is suspended throws {@code failure}
   * (CPython's {@code coro.throw(exc)}); plain {@link #resume()} when it is null.
   */
  public void resume(Throwable failure) {
    resume(null, failure);
  }

  /**
   * As {@link #resume()}, but the await where the body is suspended returns {@code value}, or throws
   * {@code failure} if it is not null.
   */
  public void resume(Object value, Throwable failure) {
    resume(Frames.carrier(), value, failure);
  }

  /** {@link #resume(Object, Throwable)} on the calling thread's carrier {@code c}, which the caller holds. */
  public void resume(Carrier c, Object value, Throwable failure) {
    if (value != null || failure != null) Suspensions.resumeWith(this, value, failure);
    if (yielded != null) yielded = null; // cleared by takeYielded after every step: no store, no barrier
    run(c);
  }

  /** What the body suspended on in the step that just returned (null: a bare yield); clears it. */
  public Object takeYielded() {
    Object y = yielded;
    yielded = null;
    return y;
  }

  /** The coroutine of the bare yield the body is suspended in (see {@link Awaits#suspendBareYield}), or null; clears it. */
  public Object takeBareYield() {
    Object c = bareYield;
    bareYield = null;
    return c;
  }

  /** The suspended body's frames, innermost first, read from its saved records; empty unless suspended. */
  public java.util.List<StackTraceElement> stack() {
    return savedStack();
  }

  /** The running body's logical stack, innermost first, down to its own callers (see {@link Runner#runningStack(Runner)}). */
  public java.util.List<StackTraceElement> bodyRunningStack() {
    return Runner.runningStack(this);
  }

  /**
   * The logical stack where {@code here} was taken inside the running body, with {@code below}
   * (the tasks awaiting this one) under the body's frames; see {@link Runner#logicalStack}.
   */
  public StackTraceElement[] logicalStack(StackTraceElement[] here, java.util.List<StackTraceElement> below) {
    return Runner.logicalStack(here, this, below);
  }

  /** The task this is the body of. */
  public abstract dev.weft.asyncio.Task<?> task();

  /** True once the body was started (its runner's first run). */
  public boolean isStarted() {
    return !isNew();
  }
}

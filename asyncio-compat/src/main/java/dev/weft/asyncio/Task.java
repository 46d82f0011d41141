package dev.weft.asyncio;

import dev.weft.asyncio.internal.introspect.LoopEvents;
import dev.weft.asyncio.internal.task.Awaits;
import dev.weft.asyncio.internal.task.Current;
import dev.weft.asyncio.internal.task.Resumable;
import dev.weft.continuations.Context;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendableCallable;
import dev.weft.continuations.internal.Contexts;
import dev.weft.continuations.internal.abi.Carrier;
import dev.weft.continuations.internal.abi.Frames;
import dev.weft.generators.GeneratorExit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Python's {@code asyncio.Task}: a {@link Future} that runs a {@link Coroutine} on the loop, step
 * by step, from one await on a pending future to the next.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *   Task<String> t = Asyncio.createTask(Asyncio.sleep(1, "late"), "sleeper");
 *   System.out.println(t.getName());              // sleeper
 *   return Asyncio.await(t);                      // "late"
 * });
 * }</pre>
 *
 * <p><b>How it runs.</b> As CPython's {@code Task.__step}: each step resumes the body (a
 * continuation of the task scope) until it awaits a pending future, then registers the task's
 * wake-up as that future's done callback; the wake-up runs the next step directly, inside that
 * callback. {@link #cancel} is a request: {@link CancelledError} is thrown into the body at its
 * await, in a later iteration.
 *
 * <p><b>Compared with Python:</b> a pending task is kept reachable by its loop (it cannot vanish
 * while pending), and one still pending when the loop closes is reported. {@link #setResult} and
 * {@link #setException} are refused, as in Python.
 */
public class Task<T> extends Future<T> {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  static {
    // A refused bare yield (see resumeBody) is finished where it was refused, as the others here.
    Awaits.onRefusedBareYield(c -> ((Coroutine<?>) c).finish());
  }

  private final Coroutine<T> coro;
  /* Null until asked for when the task was not named: "Task-<number>" is made on demand. */
  private String name;
  private final int number;
  private final Resumable runner;
  /*
   * What the body waits for while it is suspended on something (CPython's _fut_waiter): a future,
   * or the SleepTimer of a sleep awaited in the body.
   */
  private Object futWaiter;
  /* A cancel() that found nothing to cancel: thrown into the body at its next step. */
  private boolean mustCancel;
  private int numCancelsRequested;
  /*
   * The task is its own step: queued on the loop's ready queue itself, and registered itself as
   * the wake-up of every future the body awaits (a handle and a callback lambda per step cost more
   * than the task; a reusable handle beside it, 40 bytes more per task). A task has at most one
   * step queued; should a second be asked for meanwhile (a close while a wake-up is queued), it
   * gets a handle of its own. stepQueued is true while the task is in the ready queue; wakeFrom is
   * what that step delivers: a done future, a sleep's SleepTimer that ran, the message (String, or
   * NO_MESSAGE) of the cancel that stopped a sleep, or null for a plain step.
   */
  private boolean stepQueued;
  private Object wakeFrom;
  /* What a stopped sleep delivers for a cancel without a message. */
  private static final Object NO_MESSAGE = new Object();
  /* Links of the loop's LiveTasks list (the head has no prevLive). */
  Task<?> prevLive, nextLive;
  /* The task's context: current on the thread while a step runs (SEMANTICS A36). */
  private Context context;

  Task(Coroutine<T> coro, EventLoop loop, String name, Context context) {
    this(coro, loop, name, context, false);
  }

  /** With {@code eagerStart} on the loop's running thread, the first step runs now: see {@link #eagerStart()}. */
  Task(Coroutine<T> coro, EventLoop loop, String name, Context context, boolean eagerStart) {
    super(loop);
    this.context = context;
    coro.begin(this);
    this.coro = coro;
    this.name = name;
    this.number = name == null ? COUNTER.incrementAndGet() : 0; // as CPython: only unnamed tasks count
    this.runner = new Body();
    boolean eager = eagerStart && EventLoop.running() == loop;
    if (!eager) scheduleStep();
    loop.tasks.created(this);
    if (LoopEvents.taskCreatedEnabled()) LoopEvents.taskCreated(loop.name(), getName(), String.valueOf(coro));
    if (eager) eagerStart();
  }

  /**
   * CPython 3.12's {@code __eager_start}: the first step runs inside {@code createTask}, as the
   * current task in its own context, until the body first suspends (or ends: then the task is
   * done before {@code createTask} returns, its callbacks scheduled as usual). The task that
   * called is current again afterwards; the body is a continuation nested in its caller's, so a
   * suspension stops only the new task.
   */
  private void eagerStart() {
    Current current = loop.tasks.current();
    Resumable callerBody = current.body();
    current.set(runner);
    Carrier c = Frames.carrier();
    Context previous = Contexts.swap(c, context);
    try {
      stepRunAndHandleResult(c, null, null);
    } finally {
      context = Contexts.swap(c, previous);
      current.set(callerBody);
    }
  }

  /** Python's {@code Task.get_context()}: the context the task's steps run in. */
  public Context getContext() {
    return context;
  }

  /** The task's name: {@code "Task-<n>"} unless one was given. */
  public String getName() {
    if (name == null) name = "Task-" + number;
    return name;
  }

  /** Renames the task. */
  public void setName(String name) {
    this.name = String.valueOf(name);
  }

  /** The coroutine the task runs. */
  public Coroutine<T> getCoro() {
    return coro;
  }

  /** How many cancellation requests are pending: {@link #cancel} adds one, {@link #uncancel} removes one. */
  public int cancelling() {
    return numCancelsRequested;
  }

  /** Removes one pending cancellation request (never going below 0); returns the new count. */
  public int uncancel() {
    if (numCancelsRequested > 0) numCancelsRequested--;
    return numCancelsRequested;
  }

  /**
   * Requests cancellation: returns true if the task is not done. If the body awaits a future,
   * that future is cancelled (and so on down the chain of awaits); otherwise
   * {@link CancelledError} is thrown into the body at its next step. {@code msg} goes into that
   * error. Of several requests, the one that cancelled the awaited future decides the message
   * (the first, while the body waits); before the first step, or once the awaited future is done
   * but the body has not resumed, the last message wins, as in CPython (SEMANTICS AF17).
   */
  @Override
  public boolean cancel(String msg) {
    markRetrieved();
    if (done()) return false;
    numCancelsRequested++;
    // futWaiter stays set until the step: it may be a task that swallows the cancel and needs another.
    Object waiting = futWaiter;
    if (waiting instanceof Future ? ((Future<?>) waiting).cancel(msg) : waiting != null && ((SleepTimer) waiting).stop(msg)) {
      return true;
    }
    // A step is already scheduled (or the awaited future is done): it raises the latest request.
    mustCancel = true;
    setCancelMessage(msg);
    return true;
  }

  /**
   * Refused, as in Python.
   *
   * @throws IllegalStateException always ("Task does not support set_result operation")
   */
  @Override
  public void setResult(T value) {
    throw new IllegalStateException("Task does not support set_result operation");
  }

  /**
   * Refused, as in Python.
   *
   * @throws IllegalStateException always ("Task does not support set_exception operation")
   */
  @Override
  public void setException(Throwable exception) {
    throw new IllegalStateException("Task does not support set_exception operation");
  }

  private void step(Throwable exc) {
    step(null, exc);
  }

  /**
   * One step of the body, as CPython's {@code __step}: resume (or throw into) it, then look at how
   * it stopped. {@code value} is what the await it is suspended at returns, when {@code exc} is null.
   */
  private void step(Object value, Throwable exc) {
    if (done()) throw new InvalidStateError("step(): already done: " + this + ", " + exc);
    if (mustCancel) {
      if (!(exc instanceof CancelledError)) exc = new CancelledError(cancelMessage());
      mustCancel = false;
    }
    Object waiting = futWaiter;
    if (waiting != null) { // null after a bare yield: no store, no barrier
      if (waiting instanceof SleepTimer) ((SleepTimer) waiting).end(); // the await of the sleep returns or throws now
      futWaiter = null;
    }
    loop.tasks.enter(this, runner);
    Carrier c = Frames.carrier(); // once per step: the context swaps and the resume use it
    Context previous = Contexts.swap(c, context);
    try {
      stepRunAndHandleResult(c, value, exc);
    } finally {
      context = Contexts.swap(c, previous);
      loop.tasks.leave(this);
    }
  }

  private void stepRunAndHandleResult(Carrier c, Object value, Throwable exc) {
    Throwable failure = null;
    boolean finished;
    if (exc != null && !runner.isStarted()) {
      // Throwing into a coroutine that never started: its body never runs, no finally either.
      failure = exc;
      coro.markClosed();
      finished = true;
    } else {
      try {
        resumeBody(c, value, exc); // exc is thrown at the await, as CPython's coro.throw(exc)
      } catch (Throwable t) { // the task's future receives everything the body throws
        failure = t;
      }
      finished = runner.isDone();
    }
    if (finished) {
      finish(failure);
    } else {
      handleYield(runner.takeYielded());
    }
  }

  /*
   * Resumes the body at its await with value, or throws exc there. A body suspended in the bare
   * yield of an awaited sleep(0) gets that coroutine's result: the await kept no frame to finish it.
   */
  private void resumeBody(Carrier c, Object value, Throwable exc) {
    Object bare = runner.takeBareYield();
    if (bare != null) {
      Coroutine<?> sleep = (Coroutine<?>) bare;
      sleep.finish();
      value = sleep.bareYieldResult();
    }
    runner.resume(c, value, exc);
  }

  private void finish(Throwable failure) {
    loop.tasks.done(this);
    if (LoopEvents.taskFinishedEnabled()) {
      LoopEvents.taskFinished(loop.name(), getName(),
          failure == null ? (mustCancel ? "cancelled" : "result") : failure instanceof CancelledError ? "cancelled" : "exception");
    }
    if (failure == null) {
      if (mustCancel) {
        mustCancel = false; // cancelled right before the body returned
        cancelInternal(cancelMessage());
      } else {
        setResultInternal(heldResult());
      }
    } else if (failure instanceof CancelledError) {
      keepCancelledError((CancelledError) failure); // awaiters get the body's own instance
      cancelInternal(failure.getMessage());
    } else {
      setExceptionInternal(failure);
      if (failure instanceof VirtualMachineError) throw (VirtualMachineError) failure;
    }
  }

  /** The body suspended: on a pending future (wait for it), on nothing (one iteration), or on something wrong. */
  private void handleYield(Object result) {
    if (result instanceof Future) {
      Future<?> f = (Future<?>) result;
      if (f.loop != loop) {
        stepSoon(new IllegalStateException("Task " + this + " got Future " + f + " attached to a different loop"));
      } else if (f == this) {
        stepSoon(new IllegalStateException("Task cannot await on itself: " + this));
      } else {
        @SuppressWarnings("unchecked")
        Future<Object> waited = (Future<Object>) f;
        waited.addWakeup(this); // the step switches to this task's context itself
        futWaiter = f;
        if (mustCancel && f.cancel(cancelMessage())) mustCancel = false;
      }
    } else if (result instanceof SleepTimer) {
      SleepTimer t = (SleepTimer) result; // already on the timer heap
      futWaiter = t;
      if (mustCancel && t.stop(cancelMessage())) mustCancel = false;
    } else if (result == null) {
      scheduleStep(); // a bare yield gives up exactly one iteration
    } else {
      stepSoon(new IllegalStateException("Task got bad yield: " + result));
    }
  }

  private void stepSoon(Throwable exc) {
    loop.schedule(() -> step(exc), null);
  }

  /**
   * Runs inside the done callback of the awaited future: the next step happens right here, and the
   * await gets the future's result from it (an await of a pending future keeps no frame of its own
   * to read it: see {@code Asyncio.await}).
   */
  private void wakeup(Future<?> f) {
    Throwable exc = null;
    Object value = null;
    if (f.cancelled()) {
      exc = f.makeCancelledError();
    } else {
      Throwable failure = f.exception();
      if (failure != null) exc = failure;
      else value = f.result();
    }
    step(value, exc);
  }

  /** The sleep the body awaits ran its time: the next step resumes the body (see {@link SleepTimer}). */
  void sleepOver(SleepTimer t) {
    wake(t);
  }

  /** The sleep the body awaits was stopped by cancel({@code msg}): the next step throws that cancel at the await. */
  void sleepStopped(String msg) {
    wake(msg == null ? NO_MESSAGE : msg);
  }

  /** The body the task steps: the coroutine's, run right here (see Coroutine.body()). */
  private final class Body extends Resumable {
    @Override
    public Task<?> task() {
      return Task.this;
    }

    @SuppressWarnings("unchecked")
    @Override
    public void run() throws Suspend {
      try {
        SuspendableCallable<T> body = coro.body();
        if (body == null) {
          Awaits.yieldOnce();
          holdResult(coro.bareYieldResult());
        } else if (body instanceof Tasks.Sleep) { // createTask(sleep(s)): the task waits on the timer alone
          Object slept = Awaits.suspendTimed(this, ((Tasks.Sleep<T>) body).timer(Task.this), coro, true);
          holdResult((T) slept);
        } else {
          // The result in a local, not under holdResult's receiver on the operand stack: the
          // suspended frame then saves no reference to the task beside its own receiver.
          T result = body.call();
          holdResult(result);
        }
      } finally {
        coro.finish();
      }
    }
  }

  /** Queues the plain step (the first one, or after a bare yield). */
  private void scheduleStep() {
    if (stepQueued) {
      loop.schedule(() -> step(null), null);
    } else {
      loop.scheduleStep(this);
      stepQueued = true;
    }
  }

  /** Queues the step that delivers {@code f} to the await (see {@link #wakeFrom}); what an awaited future calls when done. */
  void wake(Object f) {
    if (stepQueued) {
      loop.schedule(() -> deliver(f), null);
    } else {
      loop.scheduleStep(this);
      stepQueued = true;
      wakeFrom = f;
    }
  }

  /** The queued step runs: what the loop's ready queue calls for a task in it. */
  void runStep() {
    stepQueued = false;
    Object f = wakeFrom;
    if (f != null) wakeFrom = null;
    try {
      if (f != null) deliver(f);
      else step(null);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) { // as any callback's: no caller exists
      loop.reportCallbackFailure(this + ".step", this, t);
    }
  }

  private void deliver(Object f) {
    if (f instanceof Future) wakeup((Future<?>) f);
    else if (f instanceof SleepTimer) step(null, null); // the await returns the sleep's result (see resumeBody)
    else step(null, new CancelledError(f == NO_MESSAGE ? null : (String) f));
  }

  /** Coroutine.close() of this task's suspended body: GeneratorExit at its await. */
  void closeBody() {
    if (done() || !runner.isStarted() || runner.isDone()) return;
    Object waiting = futWaiter;
    if (waiting instanceof Future) ((Future<?>) waiting).removeCallback(this);
    else if (waiting != null) { // the sleep ends with the body, not later
      ((SleepTimer) waiting).cancel();
      ((SleepTimer) waiting).end();
    }
    futWaiter = null;
    Throwable failure = null;
    // Called from another task's step or a callback: this task is the current one while its body runs.
    Current current = loop.tasks.current();
    Resumable callerBody = current.body();
    current.set(runner);
    Carrier c = Frames.carrier();
    Context previous = Contexts.swap(c, context);
    try {
      resumeBody(c, null, new GeneratorExit());
    } catch (Throwable t) { // handed to the caller of close() below, unless it is the GeneratorExit
      failure = t;
    } finally {
      context = Contexts.swap(c, previous);
      current.set(callerBody);
    }
    if (!runner.isDone()) {
      handleYield(runner.takeYielded());
      throw new IllegalStateException("coroutine ignored GeneratorExit (" + coro.name() + ")");
    }
    loop.tasks.done(this);
    cancelInternal("coroutine closed");
    if (failure != null && !(failure instanceof GeneratorExit)) throw dev.weft.asyncio.internal.task.Sneaky.rethrow(failure);
  }

  /**
   * Python's {@code Task.get_stack()}: the suspended task's logical stack, innermost first, each
   * frame at the line where it waits, read from its saved frames without resuming it. Empty when
   * the task is done or has not started (as for Python's limit: the whole chain, however deep).
   *
   * <pre>{@code
   * Task<?> t = Asyncio.createTask(Asyncio.async(() -> handler()));
   * Asyncio.await(Asyncio.sleep(0));
   * t.getStack();   // [App.fetch(App.java:12), App.handler(App.java:20), App.lambda$main$0(App.java:31)]
   * }</pre>
   */
  public java.util.List<StackTraceElement> getStack() {
    return done() ? java.util.List.of() : runner.stack();
  }

  /** Python's {@code Task.print_stack()}: {@link #getStack()} under a header naming the task. */
  public void printStack(java.io.PrintStream out) {
    java.util.List<StackTraceElement> stack = getStack();
    StringBuilder b = new StringBuilder();
    if (stack.isEmpty()) {
      b.append("No stack for ").append(this).append('\n');
    } else {
      b.append("Stack for ").append(this).append(" (most recent call first):\n");
      for (StackTraceElement e : stack) b.append("\tat ").append(e).append('\n');
    }
    out.print(b);
  }

  /** The future the body waits for (CPython's {@code _fut_waiter}), or null (also while it sleeps: see {@link #sleepingUntil()}). */
  Future<?> awaiting() {
    return futWaiter instanceof Future ? (Future<?>) futWaiter : null;
  }

  /** The loop time the body sleeps until, in a sleep awaited directly in it, or NaN. */
  double sleepingUntil() {
    return futWaiter instanceof SleepTimer ? ((SleepTimer) futWaiter).when() : Double.NaN;
  }

  /** True while the body is suspended (started, not done): its saved frames are its stack. */
  boolean suspendedBody() {
    return runner.isStarted() && !runner.isDone();
  }

  @Override
  String reportKind() {
    return "Task";
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Task[").append(getName()).append(' ').append(stateName().toLowerCase());
    if (mustCancel || (numCancelsRequested > 0 && !done())) s.append(" cancelling");
    if (futWaiter != null) s.append(" waiting");
    return s.append(' ').append(coro).append(']').toString();
  }
}

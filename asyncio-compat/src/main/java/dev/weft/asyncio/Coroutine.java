package dev.weft.asyncio;

import dev.weft.asyncio.internal.task.Awaits;
import dev.weft.asyncio.internal.task.Current;
import dev.weft.asyncio.internal.task.OutsideTask;
import dev.weft.asyncio.internal.task.Reports;
import dev.weft.asyncio.internal.task.Resumable;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendableCallable;
import dev.weft.continuations.internal.ElidesTailCalls;
import dev.weft.continuations.internal.abi.LambdaNames;
import java.lang.System.Logger.Level;
import java.lang.ref.Cleaner;

/**
 * A coroutine object: the value of calling an {@code async def} in Python. Made with
 * {@link Asyncio#async}; it runs nothing until it is awaited (inline, in the awaiting task) or
 * wrapped in a task, and it can be awaited once.
 *
 * <pre>{@code
 * static Coroutine<String> greet(String who) {
 *   return Asyncio.async(() -> {
 *     Asyncio.await(Asyncio.sleep(0.1));
 *     return "hello " + who;
 *   });
 * }
 * String s = Asyncio.run(greet("world"));      // "hello world"
 * }</pre>
 *
 * <p><b>Compared with Python:</b> a suspendable method ({@code String fetch() throws Suspend}) is
 * the cheaper {@code async def}: calling it is awaiting it, with no object at all. A coroutine that
 * is collected without ever being awaited is reported ("coroutine '...' was never awaited") when
 * the collector finds it, not at once. {@code send}/{@code throw} are not public: tasks drive
 * coroutines.
 */
public final class Coroutine<T> implements Awaitable<T> {
  private static final int CREATED = 0, RUNNING = 1, DONE = 2;

  /* Null for sleep(0): a bare yield, awaited without a body frame of its own. */
  private final SuspendableCallable<T> body;
  private final T bareYieldResult;
  private int state;
  /*
   * While RUNNING: the task whose root coroutine this is, or the SleepTimer of a timed sleep
   * awaited in a task (see awaitInline), or null. A sleep's timer is what says when that sleep is
   * over: the task keeps no reference to the coroutine while it sleeps.
   */
  private Object owner;
  /* Set once the coroutine is watched for "never awaited" (see watch); it holds its own registration. */
  private NeverAwaited neverAwaited;

  /**
   * Made on a running loop's thread, the coroutine is watched only if it is still unstarted when
   * the loop's iteration ends: most coroutines are awaited at once ({@code await(sleep(0))}) and
   * a phantom reference for each would cost more than the await. Elsewhere, or in debug mode
   * (which records the creation stack now), it is watched at once.
   */
  private Coroutine(SuspendableCallable<T> body, T bareYieldResult, EventLoop running) {
    this.body = body;
    this.bareYieldResult = bareYieldResult;
    if (running != null && !running.getDebug()) {
      running.watchAtIterationEnd(this);
    } else {
      watch(running != null ? CreationStacks.here() : null);
    }
  }

  Coroutine(SuspendableCallable<T> body, EventLoop running) {
    this(body, null, running);
  }

  /** The coroutine of {@code sleep(0)}: one bare yield, then {@code result}. */
  static <T> Coroutine<T> bareYield(T result, EventLoop running) {
    return new Coroutine<>(null, result, running);
  }

  /**
   * The coroutine of {@code sleep(seconds)}, seconds above 0: awaited in a task it waits on a
   * {@link SleepTimer} with no frame of its own (see {@link #awaitInline}); elsewhere its body
   * runs as any other.
   */
  static <T> Coroutine<T> timedSleep(Tasks.Sleep<T> body, T result, EventLoop running) {
    return new Coroutine<>(body, result, running);
  }

  /** Reports the coroutine if it is collected before it was awaited, wrapped or closed. */
  void watch(Throwable creation) {
    if (state != CREATED || neverAwaited != null) return;
    neverAwaited = new NeverAwaited(body == null ? null : body.getClass(), creation);
    neverAwaited.cleanable = Reports.CLEANER.register(this, neverAwaited);
  }

  /**
   * Python's {@code coroutine.close()}. An unstarted coroutine is marked closed (it will never
   * run, and is not reported as never awaited). One suspended as the body of a task gets a
   * {@code GeneratorExit} at its await, which runs its {@code finally} blocks; that task then
   * ends cancelled. A finished coroutine is left alone. Loop thread only.
   *
   * @throws IllegalStateException if the body awaits again after the {@code GeneratorExit}
   *     ("coroutine ignored GeneratorExit")
   */
  public void close() {
    if (state == CREATED) {
      settle();
      state = DONE;
    } else if (state == RUNNING && owner instanceof Task) {
      ((Task<?>) owner).closeBody();
    }
  }

  /** Claims the coroutine for one run: by an await or by a task. */
  void begin(Task<?> task) {
    int s = state();
    if (s == RUNNING) throw new IllegalStateException("coroutine is being awaited already (" + name() + ")");
    if (s == DONE) throw new IllegalStateException("cannot reuse already awaited coroutine (" + name() + ")");
    state = RUNNING;
    owner = task;
    settle();
  }

  /*
   * The body, or null for sleep(0)'s bare yield. Tasks call it themselves between begin() and
   * finish(): a frame between the task's step and the body would be saved and restored at each
   * suspension inside it.
   */
  SuspendableCallable<T> body() {
    return body;
  }

  /** What the bare yield of {@code sleep(0, result)} returns. */
  T bareYieldResult() {
    return bareYieldResult;
  }

  /**
   * {@code await coro}: runs the body right here, in the awaiting task (refused with no loop, even
   * if the body would not suspend: it would fail only sometimes). {@code sleep(0)}'s bare yield
   * and a timed sleep in a task are tail calls: the task's next step finishes this coroutine and
   * resumes the caller.
   */
  @ElidesTailCalls
  @SuppressWarnings("unchecked")
  T awaitInline() throws Suspend {
    Current here = Current.onThread();
    if (here == null) throw OutsideTask.refusal("await " + this, false);
    begin(null);
    if (body instanceof Tasks.Sleep) {
      Resumable task = Awaits.task(here);
      if (task != null) {
        SleepTimer timer = ((Tasks.Sleep<T>) body).timer(here.task());
        if (bareYieldResult != null) return (T) Awaits.suspendTimed(task, timer, this, true); // finished, and its result read, on resume
        // A plain sleep(s) returns null: nothing needs this coroutine when the task resumes, so the
        // task does not keep it (56 bytes per sleeping task with its body), and the timer tells
        // whether the sleep is still being awaited.
        owner = timer;
        return (T) Awaits.suspendTimed(task, timer, this, false);
      }
    } else if (body == null) {
      Resumable task = Awaits.task(here);
      if (task != null) return (T) Awaits.suspendBareYield(task, this);
      try {
        Awaits.yieldOnce();
        return bareYieldResult;
      } finally {
        finish();
      }
    }
    try {
      return body.call();
    } finally {
      finish();
    }
  }

  /** The run claimed by {@link #begin} is over (returned or threw). */
  void finish() {
    state = DONE;
    owner = null;
  }

  /** Marks a claimed coroutine that will never run (its task was cancelled first). */
  void markClosed() {
    state = DONE;
    owner = null;
  }

  boolean isDone() {
    return state() == DONE;
  }

  /* The state, where a timed sleep awaited in a task is over once the task resumed at its await. */
  private int state() {
    return state == RUNNING && owner instanceof SleepTimer && ((SleepTimer) owner).over() ? DONE : state;
  }

  private void settle() {
    if (neverAwaited != null) {
      neverAwaited.settled = true;
      neverAwaited.cleanable.clean();
    }
  }

  /**
   * The name used in reports, as CPython's {@code __qualname__}: the method a method reference or
   * lambda calls ({@code Mistakes.sleepy}), else the lambda's enclosing method
   * ({@code App.main.<lambda>}), else the class that defines the body.
   */
  String name() {
    return nameOf(body == null ? null : body.getClass());
  }

  /* Computed only when needed: a name per coroutine made would be most of the cost of making one. */
  private static String nameOf(Class<?> bodyClass) {
    if (bodyClass == null || bodyClass == Tasks.Sleep.class) return "sleep";
    String named = LambdaNames.of(bodyClass); // Mistakes.sleepy for Mistakes::sleepy, as __qualname__
    if (named != null) return named;
    String n = bodyClass.getName();
    int lambda = n.indexOf("$$Lambda");
    return lambda >= 0 ? n.substring(0, lambda) + ".<lambda>" : n;
  }

  @Override
  public String toString() {
    int s = state();
    return "Coroutine[" + name() + ", " + (s == CREATED ? "created" : s == RUNNING ? "running" : "done") + "]";
  }

  /** The report made when an unstarted coroutine is collected; holds no reference to it. */
  private static final class NeverAwaited implements Runnable {
    private final Class<?> bodyClass;
    private final Throwable creation;
    volatile boolean settled;
    /* Kept here, not in the coroutine: most coroutines are never watched, and each field costs every one. */
    Cleaner.Cleanable cleanable;

    NeverAwaited(Class<?> bodyClass, Throwable creation) {
      this.bodyClass = bodyClass;
      this.creation = creation;
    }

    @Override
    public void run() {
      if (settled) return;
      String message = "coroutine '" + nameOf(bodyClass) + "' was never awaited";
      if (creation != null) {
        EventLoop.LOGGER.log(Level.WARNING, message, creation);
      } else {
        EventLoop.LOGGER.log(Level.WARNING, message);
      }
    }
  }
}

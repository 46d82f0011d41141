package dev.weft.greenlet;

import dev.weft.continuations.Context;
import dev.weft.continuations.internal.abi.Runner;
import dev.weft.continuations.internal.abi.SizeHint;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.Suspendable;
import dev.weft.continuations.internal.Contexts;
import dev.weft.continuations.internal.ElidesTailCalls;
import dev.weft.continuations.internal.Sneaky;
import dev.weft.continuations.internal.Suspensions;
import java.util.Objects;

/**
 * Python's greenlet: a function with its own stack that runs when something switches to it, and
 * that switches explicitly to other greenlets, passing values. Each thread has a main greenlet,
 * the thread itself; every greenlet has a parent, which receives its return value or its
 * exception when it ends.
 *
 * <pre>{@code
 * Greenlet[] gr = new Greenlet[2];
 * gr[0] = new Greenlet(args -> { System.out.println(12); gr[1].switchTo(); System.out.println(34); return null; });
 * gr[1] = new Greenlet(args -> { System.out.println(56); gr[0].switchTo(); System.out.println(78); return null; });
 * gr[0].switchTo();       // prints 12, 56, 34 and returns: 78 is never printed
 * }</pre>
 *
 * <p>{@code run} and everything it calls on the way to a {@code switchTo} declare
 * {@code throws Suspend} and are instrumented (see {@code dev.weft.continuations}). A switch can
 * happen from any depth of such calls, and from inside a generator body. Subclasses override
 * {@link #run(Object...)}; it receives the arguments of the first switch.
 *
 * <p><b>Compared with Python:</b> keyword arguments do not exist (pass a {@code Map}); an
 * unreferenced suspended greenlet is not killed by the garbage collector, so {@link #kill()} it
 * (or use try-with-resources) when its {@code finally} blocks must run; {@code gr_frame} does not
 * exist. Greenlets belong to the thread that created them.
 */
public class Greenlet implements AutoCloseable {
  /** Runs a greenlet: receives the arguments of the first switch, returns the value for the parent. */
  @FunctionalInterface
  public interface Run {
    Object run(Object... args) throws Suspend;
  }

  /** Sees every transfer of control on its thread: {@code "switch"} or {@code "throw"}. */
  @FunctionalInterface
  public interface Tracer {
    void event(String event, Greenlet origin, Greenlet target);
  }

  static final ContinuationScope SCOPE = new ContinuationScope("greenlet");
  /* Sizes each new greenlet's frame storage from the last one's. */
  private static final SizeHint HINT = new SizeHint();

  static {
    Runner.hideInTraces(Greenlet.class); // its switch trampoline is a runtime frame to the user
  }
  private static final ThreadLocal<Threads> THREADS = ThreadLocal.withInitial(Threads::new);
  private static final ClassValue<Boolean> OVERRIDES_RUN = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      for (Class<?> c = type; c != Greenlet.class; c = c.getSuperclass()) {
        try {
          c.getDeclaredMethod("run", Object[].class);
          return true;
        } catch (NoSuchMethodException e) {
          // keep looking in the superclass
        }
      }
      return false;
    }
  };

  /** The greenlets of one thread: its main greenlet, the running one, its tracer, the pending switch. */
  private static final class Threads {
    final Thread thread = Thread.currentThread();
    final Greenlet main = new Greenlet(this);
    Greenlet current = main;
    Tracer tracer;
    /* A greenlet that switches out leaves the switch here for the loop in its main greenlet. */
    Greenlet nextTarget;
    Object[] nextArgs;
    Throwable nextThrow;
    String nextEvent;
  }

  private final Threads threads;
  private final Run runner;
  private final boolean isMain;
  private Greenlet parent;
  private Runner continuation;
  private boolean started, dead;
  private Context context;
  private Object result;

  /** The main greenlet of a thread: the thread itself, never a continuation. */
  private Greenlet(Threads threads) {
    this.threads = threads;
    this.runner = null;
    this.isMain = true;
    this.started = true;
    this.context = Contexts.current();
  }

  /** A greenlet that will run {@code run}, whose parent is the current greenlet. */
  public Greenlet(Run run) {
    this(Objects.requireNonNull(run, "run"), null, true);
  }

  /** A greenlet that will run {@code run} under the given parent. */
  public Greenlet(Run run, Greenlet parent) {
    this(Objects.requireNonNull(run, "run"), Objects.requireNonNull(parent, "parent"), true);
  }

  /** For subclasses that override {@link #run(Object...)}; the parent is the current greenlet. */
  protected Greenlet() {
    this(null, null, false);
  }

  private Greenlet(Run run, Greenlet parent, boolean unused) {
    this.threads = THREADS.get();
    this.runner = run;
    this.isMain = false;
    this.context = Context.empty(); // GL26: a new greenlet starts with an empty context
    if (parent == null) {
      this.parent = threads.current;
    } else {
      setParent(parent);
    }
  }

  /**
   * The body of a greenlet made by subclassing: receives the arguments of the first switch and
   * returns the value its parent receives. An exception escaping it is raised in the parent.
   *
   * @throws UnsupportedOperationException if a subclass does not override it
   */
  protected Object run(Object... args) throws Suspend {
    throw new UnsupportedOperationException("run: " + getClass().getName() + " does not override run(Object...)");
  }

  /** The greenlet running on the calling thread: its main greenlet when no other runs. */
  public static Greenlet current() {
    return THREADS.get().current;
  }

  /**
   * Python's {@code settrace}: installs {@code tracer} for the calling thread (null turns tracing
   * off) and returns the previous one.
   */
  public static Tracer setTrace(Tracer tracer) {
    Threads t = THREADS.get();
    Tracer previous = t.tracer;
    t.tracer = tracer;
    return previous;
  }

  /**
   * Python's {@code g.switch(*args)}: transfers control to this greenlet, starting it with
   * {@code args} if it has not started, else making its pending {@code switchTo} return them. Returns
   * when something switches back here, with what it sent: one value as is, none as an empty
   * array, several as an array. A switch to a dead greenlet goes to its nearest live ancestor.
   *
   * @throws GreenletError if this greenlet belongs to another thread
   * @throws UnsupportedOperationException if it is an unstarted subclass that does not override run
   * @throws dev.weft.continuations.SuspendException if called from a frame that cannot be saved
   *     (not instrumented, inside {@code synchronized})
   */
  @ElidesTailCalls // no record of its own: what switches back here goes to the caller
  public Object switchTo(Object... args) throws Suspend {
    Threads t = requireSameThread("switch to");
    Object[] sent = args == null ? new Object[] {null} : args;
    if (t.current.isMain || !started || this == t.current) return transfer(t, this, sent, null, "switch");
    return leave(t, this, sent, null, "switch");
  }

  /**
   * Python's {@code g.throw(t)}: raises {@code t} in this greenlet at its pending switch (an
   * unstarted greenlet dies without running; a dead one passes {@code t} to its ancestors as if it
   * had escaped). Returns what is eventually switched back here.
   *
   * @throws GreenletError if this greenlet belongs to another thread
   */
  @ElidesTailCalls
  public Object throwInto(Throwable t) throws Suspend {
    Threads threads = requireSameThread("throw into");
    Throwable thrown = t == null ? new GreenletExit() : t;
    if (threads.current.isMain || !started || this == threads.current) return transfer(threads, this, null, thrown, "throw");
    return leave(threads, this, null, thrown, "throw");
  }

  /** Python's {@code g.throw()}: throws a fresh {@link GreenletExit}, the way to kill a greenlet. */
  @ElidesTailCalls
  public Object throwInto() throws Suspend {
    return throwInto(new GreenletExit());
  }

  /**
   * Kills this greenlet: {@link #throwInto()} if it is active; an unstarted one is only marked dead;
   * a dead one is left alone. Its {@code finally} blocks run.
   */
  public void kill() throws Suspend {
    if (isMain || dead) return;
    requireSameThread("kill");
    if (!started) {
      dead = true;
      return;
    }
    throwInto();
  }

  /** {@link #kill()}, for try-with-resources. */
  @Override
  public void close() throws Suspend {
    kill();
  }

  /** The greenlet that receives this one's result; null for a main greenlet. */
  public Greenlet parent() {
    return parent;
  }

  /**
   * Changes where this greenlet's result goes.
   *
   * @throws IllegalArgumentException "cyclic parent chain", or "parent cannot be on a different thread"
   * @throws UnsupportedOperationException on a main greenlet
   */
  public void setParent(Greenlet parent) {
    Objects.requireNonNull(parent, "parent");
    if (isMain) throw new UnsupportedOperationException("cannot set the parent of a main greenlet (" + this + ")");
    if (parent.threads != threads) {
      throw new IllegalArgumentException("parent cannot be on a different thread (" + parent + " as the parent of " + this + ")");
    }
    for (Greenlet p = parent; p != null; p = p.parent) {
      if (p == this) throw new IllegalArgumentException("cyclic parent chain (" + this + " is an ancestor of " + parent + ")");
    }
    this.parent = parent;
  }

  /** True once {@code run} has ended, normally or by an exception; a main greenlet is dead when its thread is. */
  public boolean isDead() {
    return isMain ? !threads.thread.isAlive() : dead;
  }

  /** True once something has switched to it; stays true. */
  public boolean isStarted() {
    return started;
  }

  /** Started and not dead: Python's {@code bool(g)}. */
  public boolean isActive() {
    return started && !isDead();
  }

  /**
   * greenlet's {@code gr_frame}, as a whole logical stack: where this greenlet's code waits for a
   * switch back, innermost first, read from its saved frames. Empty when it has not started, is
   * dead, is the one running, or is a main greenlet (whose stack is its thread's).
   *
   * <pre>{@code
   * Greenlet g = new Greenlet(args -> worker(main));   // worker calls main.switchTo() at Worker.java:8
   * g.switchTo();
   * g.getStack();   // [Worker.worker(Worker.java:8), Worker.lambda$main$0(Worker.java:20)]
   * }</pre>
   */
  public java.util.List<StackTraceElement> getStack() {
    if (isMain || continuation == null || dead) return java.util.List.of();
    return continuation.savedStack();
  }

  /** Whether this is a thread's main greenlet. */
  public boolean isMain() {
    return isMain;
  }

  /**
   * The greenlet's own context: set it before starting the greenlet (GL26). While the greenlet runs,
   * the thread's current context is its context.
   */
  public Context getContext() {
    return this == threads.current ? Contexts.current() : context;
  }

  /**
   * Replaces the greenlet's context.
   *
   * @throws IllegalArgumentException from a thread other than the greenlet's
   */
  public void setContext(Context context) {
    Objects.requireNonNull(context, "context");
    if (Thread.currentThread() != threads.thread) throw new IllegalArgumentException("cannot set the context of a greenlet of another thread");
    if (this == threads.current) Contexts.swap(context);
    else this.context = context;
  }

  @Override
  public String toString() {
    return (isMain ? "main greenlet" : "Greenlet@" + Integer.toHexString(System.identityHashCode(this)))
        + "[" + (isDead() ? "dead" : started ? "active" : "unstarted") + ", thread=" + threads.thread.getName() + "]";
  }

  // ---- switching --------------------------------------------------------------------------------

  private Threads requireSameThread(String what) {
    Threads t = THREADS.get();
    if (t != threads) {
      throw new GreenletError("cannot " + what + " " + this + ": cannot switch to a different thread"
          + (threads.thread.isAlive() ? "" : " (which happens to have exited)"));
    }
    return t;
  }

  /**
   * From a greenlet that runs in a continuation: leaves the switch for the loop of the main
   * greenlet and suspends. From the main greenlet: runs that loop here.
   */
  @ElidesTailCalls
  private static Object transfer(Threads t, Greenlet target, Object[] args, Throwable thrown, String event) throws Suspend {
    Greenlet origin = t.current;
    if (target == origin) {
      trace(t, event, origin, target);
      if (thrown != null) throw Sneaky.rethrow(thrown);
      return pack(args);
    }
    if (!target.started && !target.dead && thrown == null && target.runner == null && !OVERRIDES_RUN.get(target.getClass())) {
      target.run(args); // throws UnsupportedOperationException here, in the switching greenlet (GL21)
    }
    if (origin.isMain) return loop(t, origin, target, args, thrown, event);
    return leave(t, target, args, thrown, event);
  }

  private static final String LEAVE = Suspensions.tokenOf(Greenlet.class, "leave",
      Threads.class, Greenlet.class, Object[].class, Throwable.class, String.class);

  /**
   * A greenlet switching out: leaves the switch for the loop in the main greenlet and suspends on
   * behalf of its caller (no frame of its own: see {@code Suspensions.suspendCaller}). The caller's
   * switchTo returns what the loop resumes this greenlet with.
   */
  private static Object leave(Threads t, Greenlet target, Object[] args, Throwable thrown, String event) throws Suspend {
    t.nextTarget = target;
    t.nextArgs = args;
    t.nextThrow = thrown;
    t.nextEvent = event;
    return Suspensions.suspendCaller(SCOPE, LEAVE);
  }

  /**
   * The trampoline, in the main greenlet's frame: runs each target until it switches to another or
   * ends, then follows the switch, until one comes back to {@code home}. Values and exceptions
   * move in fields; no stack grows, however long the chain of switches.
   */
  @Suspendable
  private static Object loop(Threads t, Greenlet home, Greenlet target, Object[] args, Throwable thrown, String event) {
    Greenlet origin = home;
    for (;;) {
      if (target.isDead()) {
        // GL8, GL13: on to the nearest live ancestor, as if what was sent had escaped the dead one
        while (target.isDead()) target = target.parent;
        if (thrown instanceof GreenletExit) {
          args = new Object[] {thrown};
          thrown = null;
        }
      }
      t.current = target;
      Throwable traced = traceOrFail(t, event, origin, target);
      if (traced != null) {
        thrown = traced;
        args = null;
      }
      if (target == home) {
        t.current = home;
        if (thrown != null) throw Sneaky.rethrow(thrown);
        return pack(args);
      }
      if (!target.started) {
        if (thrown != null) { // GL12: it dies without running
          target.dead = true;
          t.current = origin;
          Greenlet dying = target;
          target = dying.parent;
          origin = dying;
          if (thrown instanceof GreenletExit) {
            args = new Object[] {thrown};
            thrown = null;
            event = "switch";
          } else {
            event = "throw";
          }
          continue;
        }
        target.start(args);
      } else {
        Suspensions.resumeWith(target.continuation, thrown == null ? pack(args) : null, thrown);
      }
      // Between runs the thread's context is the home greenlet's; each target runs in its own.
      Context homeContext = Contexts.swap(target.context);
      Throwable died = null;
      try {
        target.continuation.run();
      } catch (Throwable e) {
        died = e;
      }
      target.context = Contexts.swap(homeContext);
      origin = target;
      if (died != null || target.continuation.isDone()) {
        target.dead = true;
        Object value = target.result;
        target.result = null;
        target = target.parent;
        if (died == null || died instanceof GreenletExit) {
          args = new Object[] {died == null ? value : died};
          thrown = null;
          event = "switch";
        } else {
          args = null;
          thrown = died;
          event = "throw";
        }
      } else {
        target = t.nextTarget;
        args = t.nextArgs;
        thrown = t.nextThrow;
        event = t.nextEvent;
        t.nextTarget = null;
        t.nextArgs = null;
        t.nextThrow = null;
      }
    }
  }

  private void start(Object[] args) {
    started = true;
    continuation = new Runner(SCOPE, HINT, () -> result = runner != null ? runner.run(args) : run(args));
  }

  private static Object pack(Object[] args) {
    return args.length == 1 ? args[0] : args;
  }

  private static void trace(Threads t, String event, Greenlet origin, Greenlet target) {
    Throwable failure = traceOrFail(t, event, origin, target);
    if (failure != null) throw Sneaky.rethrow(failure);
  }

  /** Calls the tracer; a tracer that throws is removed and its exception returned (GL25). */
  private static Throwable traceOrFail(Threads t, String event, Greenlet origin, Greenlet target) {
    Tracer tracer = t.tracer;
    if (tracer == null) return null;
    try {
      tracer.event(event, origin, target);
      return null;
    } catch (Throwable e) {
      t.tracer = null;
      return e;
    }
  }

}

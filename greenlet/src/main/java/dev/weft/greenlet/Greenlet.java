package dev.weft.greenlet;

import dev.weft.continuations.Context;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.internal.ElidesTailCalls;
import dev.weft.continuations.internal.abi.Carrier;
import dev.weft.continuations.internal.abi.CarrierLocal;
import dev.weft.continuations.internal.abi.Frames;
import dev.weft.continuations.internal.abi.Runner;
import dev.weft.greenlet.internal.GreenletCore;
import dev.weft.greenlet.internal.ThreadGreenlets;
import dev.weft.greenlet.internal.Trampoline;
import java.util.List;
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
 * (or use try-with-resources) when its {@code finally} blocks must run; {@code gr_frame} is
 * {@link #getStack()}, a list of stack trace elements. Greenlets belong to the thread that created them.
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

  static {
    Runner.hideInTraces(Greenlet.class); // its switch methods are runtime frames to the user
  }
  /* In the thread's carrier, not a ThreadLocal: a switch, instrumented, holds the carrier already. */
  private static final CarrierLocal<ThreadGreenlets> THREADS = new CarrierLocal<>(c -> new Greenlet(true).core.threads());
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

  /* Its state, read and written by the trampoline on every switch (dev.weft.greenlet.internal). */
  private final GreenletCore core;

  /** The main greenlet of the calling thread: the thread itself, never a continuation. */
  private Greenlet(boolean main) {
    this.core = GreenletCore.newMain(this);
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
    // a subclass's run is reached through a lambda: it is protected, out of the trampoline's reach
    Run body = run != null ? run : OVERRIDES_RUN.get(getClass()) ? this::run : null;
    this.core = GreenletCore.newGreenlet(this, THREADS.get(Frames.carrier()), body);
    if (parent != null) setParent(parent);
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
    return THREADS.get(Frames.carrier()).current();
  }

  /**
   * Python's {@code settrace}: installs {@code tracer} for the calling thread (null turns tracing
   * off) and returns the previous one.
   */
  public static Tracer setTrace(Tracer tracer) {
    return THREADS.get(Frames.carrier()).setTrace(tracer);
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
    ThreadGreenlets t = requireSameThread(Frames.carrier(), "switch to");
    Object[] sent = args == null ? new Object[] {null} : args;
    if (Trampoline.leavesAtOnce(t, core)) return Trampoline.leave(t, core, sent, null, "switch");
    return Trampoline.transfer(t, core, sent, null, "switch");
  }

  /**
   * {@link #switchTo(Object...)} with one value, {@code g.switch(value)}: the same switch, without
   * an argument array (a round trip of one-value switches allocates nothing).
   *
   * <pre>{@code
   * Greenlet main = Greenlet.current();
   * Greenlet echo = new Greenlet(args -> {
   *   Object v = args[0];
   *   for (;;) v = main.switchTo("echo " + v);
   * });
   * System.out.println(echo.switchTo("a"));   // echo a
   * System.out.println(echo.switchTo("b"));   // echo b
   * }</pre>
   */
  @ElidesTailCalls
  public Object switchTo(Object value) throws Suspend {
    ThreadGreenlets t = requireSameThread(Frames.carrier(), "switch to");
    Object[] sent = t.single(value);
    if (Trampoline.leavesAtOnce(t, core)) return Trampoline.leave(t, core, sent, null, "switch");
    return Trampoline.transfer(t, core, sent, null, "switch");
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
    ThreadGreenlets threads = requireSameThread(Frames.carrier(), "throw into");
    Throwable thrown = t == null ? new GreenletExit() : t;
    if (Trampoline.leavesAtOnce(threads, core)) return Trampoline.leave(threads, core, null, thrown, "throw");
    return Trampoline.transfer(threads, core, null, thrown, "throw");
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
    if (core.isMain() || core.isDead()) return;
    requireSameThread(Frames.carrier(), "kill");
    if (!core.isStarted()) {
      core.killUnstarted();
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
    return core.parent();
  }

  /**
   * Changes where this greenlet's result goes.
   *
   * @throws IllegalArgumentException "cyclic parent chain", or "parent cannot be on a different thread"
   * @throws UnsupportedOperationException on a main greenlet
   */
  public void setParent(Greenlet parent) {
    Objects.requireNonNull(parent, "parent");
    if (core.isMain()) throw new UnsupportedOperationException("cannot set the parent of a main greenlet (" + this + ")");
    core.setParent(parent.core);
  }

  /** True once {@code run} has ended, normally or by an exception; a main greenlet is dead when its thread is. */
  public boolean isDead() {
    return core.isDead();
  }

  /** True once something has switched to it; stays true. */
  public boolean isStarted() {
    return core.isStarted();
  }

  /** Started and not dead: Python's {@code bool(g)}. */
  public boolean isActive() {
    return core.isStarted() && !core.isDead();
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
  public List<StackTraceElement> getStack() {
    return core.savedStack();
  }

  /** Whether this is a thread's main greenlet. */
  public boolean isMain() {
    return core.isMain();
  }

  /**
   * The greenlet's own context: set it before starting the greenlet (GL26). While the greenlet runs,
   * the thread's current context is its context.
   */
  public Context getContext() {
    return core.context();
  }

  /**
   * Replaces the greenlet's context.
   *
   * @throws IllegalArgumentException from a thread other than the greenlet's
   */
  public void setContext(Context context) {
    Objects.requireNonNull(context, "context");
    if (Thread.currentThread() != core.threads().thread()) {
      throw new IllegalArgumentException("cannot set the context of a greenlet of another thread");
    }
    core.setContext(context);
  }

  @Override
  public String toString() {
    return (core.isMain() ? "main greenlet" : "Greenlet@" + Integer.toHexString(System.identityHashCode(this)))
        + "[" + (core.isDead() ? "dead" : core.isStarted() ? "active" : "unstarted")
        + ", thread=" + core.threads().thread().getName() + "]";
  }

  /* The calling thread's greenlets (`c` its carrier), if this greenlet is one of them. */
  private ThreadGreenlets requireSameThread(Carrier c, String what) {
    ThreadGreenlets t = THREADS.get(c);
    if (t != core.threads()) {
      Thread owner = core.threads().thread();
      throw new GreenletError("cannot " + what + " " + this + ": cannot switch to a different thread"
          + (owner.isAlive() ? "" : " (which happens to have exited)"));
    }
    return t;
  }
}

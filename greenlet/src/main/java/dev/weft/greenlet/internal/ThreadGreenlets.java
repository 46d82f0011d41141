package dev.weft.greenlet.internal;

import dev.weft.continuations.internal.abi.Carrier;
import dev.weft.continuations.internal.abi.Frames;
import dev.weft.greenlet.Greenlet;

/**
 * The greenlets of one thread: its main greenlet, the one running, its tracer, and the switch a
 * greenlet leaves behind for the trampoline when it switches out.
 */
public final class ThreadGreenlets {
  final Thread thread = Thread.currentThread();
  /* The thread's carrier: a greenlet switching out suspends through it (Trampoline.leave). */
  final Carrier carrier = Frames.carrier();
  GreenletCore main;
  GreenletCore current;
  Greenlet.Tracer tracer;
  GreenletCore nextTarget;
  Object[] nextArgs;
  Throwable nextThrow;
  String nextEvent;

  /*
   * The argument array of a one-value switch (Greenlet.switchTo(Object)), reused so that a round
   * trip allocates nothing. Safe because the array never outlives the switch: it is unpacked (and
   * cleared) before anything else runs on this thread, and copied when it would start a greenlet,
   * whose run keeps its arguments (see Trampoline.pack and startArgs).
   */
  private final Object[] one = new Object[1];

  /** The arguments of a switch that sends {@code value} alone. */
  public Object[] single(Object value) {
    one[0] = value;
    return one;
  }

  boolean isSingle(Object[] args) {
    return args == one;
  }

  /* Made with the thread's main greenlet: see GreenletCore.newMain. */
  ThreadGreenlets() {}

  /** The running greenlet. */
  public Greenlet current() {
    return current.owner;
  }

  /** The main greenlet's core (the thread itself). */
  public GreenletCore mainCore() {
    return main;
  }

  /** Python's {@code settrace}: installs {@code tracer} (null: none) and returns the previous one. */
  public Greenlet.Tracer setTrace(Greenlet.Tracer t) {
    Greenlet.Tracer previous = tracer;
    tracer = t;
    return previous;
  }

  public Thread thread() {
    return thread;
  }
}

package dev.weft.greenlet.internal;

import dev.weft.greenlet.Greenlet;

/**
 * The greenlets of one thread: its main greenlet, the one running, its tracer, and the switch a
 * greenlet leaves behind for the trampoline when it switches out.
 */
public final class ThreadGreenlets {
  final Thread thread = Thread.currentThread();
  GreenletCore main;
  GreenletCore current;
  Greenlet.Tracer tracer;
  GreenletCore nextTarget;
  Object[] nextArgs;
  Throwable nextThrow;
  String nextEvent;

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

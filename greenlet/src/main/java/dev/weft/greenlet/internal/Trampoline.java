package dev.weft.greenlet.internal;

import dev.weft.continuations.Context;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.Suspendable;
import dev.weft.continuations.internal.Contexts;
import dev.weft.continuations.internal.ElidesTailCalls;
import dev.weft.continuations.internal.Sneaky;
import dev.weft.continuations.internal.Suspensions;
import dev.weft.continuations.internal.abi.Carrier;
import dev.weft.continuations.internal.abi.Frames;
import dev.weft.greenlet.GreenletExit;

/**
 * How control moves between greenlets. The main greenlet of a thread runs the trampoline
 * ({@link #loop}) in its own frame; every other greenlet is a continuation that the trampoline
 * runs until it switches out, leaving the switch behind in its {@link ThreadGreenlets}. Values
 * and exceptions move in fields; no stack grows, however long the chain of switches.
 */
public final class Trampoline {
  private Trampoline() {}

  /**
   * A switch (or throw, with {@code thrown}) to {@code target}: from a greenlet that runs in a
   * continuation it leaves the switch for the trampoline and suspends; from the main greenlet it
   * runs the trampoline here. Returns what is eventually switched back to the caller.
   */
  @ElidesTailCalls // no record of its own: what switches back goes straight to the caller
  public static Object transfer(ThreadGreenlets t, GreenletCore target, Object[] args, Throwable thrown, String event) throws Suspend {
    GreenletCore origin = t.current;
    if (target == origin) {
      trace(t, event, origin, target);
      if (thrown != null) throw Sneaky.rethrow(thrown);
      return pack(t, args);
    }
    if (thrown == null) target.refuseIfNoBody(); // thrown here, in the switching greenlet (GL21)
    if (origin.isMain) return loop(t, origin, target, args, thrown, event);
    return leave(t, target, args, thrown, event);
  }

  /** {@link #transfer}'s answer to "can the caller leave at once": a greenlet in a continuation switching to a started other one. */
  public static boolean leavesAtOnce(ThreadGreenlets t, GreenletCore target) {
    return !t.current.isMain && target.started && target != t.current;
  }

  private static final long LEAVE = Suspensions.tokenOf(Trampoline.class, "leave",
      ThreadGreenlets.class, GreenletCore.class, Object[].class, Throwable.class, String.class);

  /**
   * A greenlet switching out: leaves the switch for the trampoline and suspends on behalf of its
   * caller (no frame of its own: see {@code Suspensions.suspendCaller}). The caller's switch
   * returns what the trampoline resumes this greenlet with.
   */
  public static Object leave(ThreadGreenlets t, GreenletCore target, Object[] args, Throwable thrown, String event) throws Suspend {
    t.nextTarget = target;
    t.nextArgs = args;
    t.nextThrow = thrown;
    t.nextEvent = event;
    return Suspensions.suspendCaller(t.carrier, GreenletCore.SCOPE, LEAVE);
  }

  /**
   * The trampoline, in the main greenlet's frame: runs each target until it switches to another or
   * ends, then follows the switch, until one comes back to {@code home}.
   */
  @Suspendable
  private static Object loop(ThreadGreenlets t, GreenletCore home, GreenletCore target, Object[] args, Throwable thrown, String event) {
    GreenletCore origin = home;
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
        return pack(t, args);
      }
      if (!target.started) {
        if (thrown != null) { // GL12: it dies without running
          if (args != null) pack(t, args); // clears a one-value array
          target.dead = true;
          t.current = origin;
          GreenletCore dying = target;
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
        target.start(startArgs(t, args));
      } else {
        Suspensions.resumeWith(target.continuation, thrown == null ? pack(t, args) : null, thrown);
      }
      // Between runs the thread's context is the home greenlet's; each target runs in its own.
      Carrier c = Frames.carrier(); // this method's own (instrumented): no lookup
      Context homeContext = Contexts.swap(c, target.context);
      Throwable died = null;
      try {
        target.continuation.run(c);
      } catch (Throwable e) {
        died = e;
      }
      target.context = Contexts.swap(c, homeContext);
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

  /* What a switch's receiver gets: one value as is, else the array; a reused one-value array is cleared. */
  private static Object pack(ThreadGreenlets t, Object[] args) {
    if (args.length != 1) return args;
    Object v = args[0];
    if (t.isSingle(args)) args[0] = null;
    return v;
  }

  /* A started greenlet's run keeps its arguments: never the thread's reused one-value array. */
  private static Object[] startArgs(ThreadGreenlets t, Object[] args) {
    return t.isSingle(args) ? new Object[] {pack(t, args)} : args;
  }

  private static void trace(ThreadGreenlets t, String event, GreenletCore origin, GreenletCore target) {
    Throwable failure = traceOrFail(t, event, origin, target);
    if (failure != null) throw Sneaky.rethrow(failure);
  }

  /** Calls the tracer; a tracer that throws is removed and its exception returned (GL25). */
  private static Throwable traceOrFail(ThreadGreenlets t, String event, GreenletCore origin, GreenletCore target) {
    dev.weft.greenlet.Greenlet.Tracer tracer = t.tracer;
    if (tracer == null) return null;
    try {
      tracer.event(event, origin.owner, target.owner);
      return null;
    } catch (Throwable e) {
      t.tracer = null;
      return e;
    }
  }
}

package dev.weft.continuations;

import dev.weft.continuations.internal.Diagnosis;
import dev.weft.continuations.internal.Sneaky;
import dev.weft.continuations.internal.Suspensions;
import dev.weft.continuations.internal.abi.Carrier;
import dev.weft.continuations.internal.abi.Frames;
import dev.weft.continuations.internal.abi.ResumeEntry;
import dev.weft.continuations.internal.abi.SizeHint;
import java.util.Objects;

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
  /** The token an instrumented call site leaves for {@code run()V} targets, see {@link Frames}. */
  private static final String RUN_TOKEN = "run()V";

  private static final int NEW = 0, RUNNING = 1, SUSPENDED = 2, CAPTURED = 3, DONE = 4;

  static {
    Frames.install(Continuation::suspend);
    Suspensions.install(new Suspensions.Access() {
      @Override
      public void resumeWith(Continuation k, Object value, Throwable failure) {
        k.resumeValue = value;
        k.resumeFailure = failure;
      }

      @Override
      public void suspend(Carrier c, ContinuationScope scope, Object token) {
        Continuation.suspend(c, scope, token);
      }
    });
  }

  private final ContinuationScope scope;
  private final SuspendableRunnable body;
  /*
   * Plain, not atomic: a continuation is confined to one thread at a time, and handing it to
   * another thread goes through whatever synchronisation the hand-off uses. Re-entry on the same
   * thread and use from a thread that was handed it while it runs are always detected; two threads
   * racing on run() at the same instant is a data race this does not promise to catch (an atomic
   * state would cost a third of a resume).
   */
  private int state;

  /*
   * While running: the continuation that ran this one (the next one out), and whether the call
   * that ran it was a clean suspension point, so that suspending an outer scope may unwind it.
   */
  private Continuation parent;
  private boolean enteredClean;
  private boolean resumingFromParent;

  /* Saved frames, swapped into the thread's Carrier while running. */
  private static final Object[] NO_REFS = {};
  private static final long[] NO_PRIMS = {};
  private Object[] refs = NO_REFS;
  private long[] prims = NO_PRIMS;
  private int rsp, psp;

  /* Created when an outer scope captures this continuation; resumes it as a frame of the outer. */
  private ResumeEntry asFrame;

  /*
   * What the call that suspended returns when this continuation is next run (or throws): set by
   * the layer above (a generator's send, a greenlet's switch) through Suspensions.resumeWith.
   */
  private Object resumeValue;
  private Throwable resumeFailure;

  /**
   * Creates a continuation that has not started.
   *
   * @throws NullPointerException if {@code scope} or {@code body} is null
   */
  public Continuation(ContinuationScope scope, SuspendableRunnable body) {
    this.scope = Objects.requireNonNull(scope, "scope");
    this.body = Objects.requireNonNull(body, "body");
  }

  /** The scope given at construction. */
  public ContinuationScope scope() {
    return scope;
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
    Carrier c = Frames.carrier();
    Object inToken = c.token;
    c.token = null;
    boolean fromParent = resumingFromParent;
    resumingFromParent = false;
    int was = acquire(fromParent);

    Continuation outer = c.current;
    Object[] outerRefs = c.refs;
    long[] outerPrims = c.prims;
    int outerRsp = c.rsp, outerPsp = c.psp; // no unwinding is in progress: no segment to keep
    SizeHint outerHint = c.hint;
    c.hint = scope.sizeHint;
    c.refs = refs;
    c.prims = prims;
    c.rsp = rsp;
    c.psp = psp;
    c.current = this;
    parent = outer;
    enteredClean = inToken == RUN_TOKEN;

    boolean captured = false;
    Throwable failure = null;
    try {
      if (was == NEW) {
        c.token = RUN_TOKEN;
        try {
          body.run();
        } catch (Throwable t) {
          failure = t;
        }
      } else {
        // What the suspended call returns, or throws, in the frame that suspended.
        Frames.returnRef(c, resumeValue);
        failure = resumeFailure;
        resumeValue = null;
        resumeFailure = null;
      }
      // The resume loop: re-enter the top saved frame, hand its result to the next, until a frame
      // suspends again or none is left. A while loop, never recursion, so stacks stay short.
      for (;;) {
        if (c.unwinding) {
          c.closeSegment();
          if (c.unwindTarget == this) {
            c.unwinding = false;
            c.unwindTarget = null;
            state = SUSPENDED;
            scope.sizeHint.refs = c.rsp;
            scope.sizeHint.prims = c.psp;
          } else {
            captured = true;
            state = CAPTURED;
          }
          return;
        }
        if (c.isEmpty()) {
          state = DONE;
          if (failure != null) throw Sneaky.rethrow(failure);
          return;
        }
        long header = c.popHeader();
        ResumeEntry entry = c.popEntry(header);
        c.pending = failure;
        failure = null;
        try {
          entry.resume(c, header);
        } catch (Throwable t) {
          failure = t;
        }
      }
    } finally {
      refs = c.refs;
      prims = c.prims;
      rsp = c.rsp;
      psp = c.psp;
      c.refs = outerRefs;
      c.prims = outerPrims;
      c.rsp = outerRsp;
      c.psp = outerPsp;
      c.hint = outerHint;
      c.current = outer;
      parent = null;
      if (captured) {
        if (asFrame == null) asFrame = this::resumeFromOuter;
        Frames.push(c, 0, 0, asFrame, Frames.header(0, 0, 0, 0));
      } else if (state == RUNNING) {
        state = DONE; // an Error escaped the runner itself
      }
    }
  }

  /*
   * Re-runs this continuation as the top frame of the outer one that captured it. Whatever the
   * outer was resumed with (its runner put it in the carrier as this frame's result or pending
   * exception) belongs to the frame that suspended, which is inside this continuation: an outer
   * scope is only ever unwound from its innermost frame, so every continuation in between was
   * captured and the value must travel inward through each of them.
   */
  private void resumeFromOuter(Carrier c, long header) {
    resumeValue = Frames.resultRef(c);
    resumeFailure = Frames.takePending(c);
    resumingFromParent = true;
    c.token = RUN_TOKEN;
    run();
    Frames.returnVoid(c);
  }

  private int acquire(boolean fromParent) {
    int s = state;
    if (fromParent ? s == CAPTURED : s == NEW || s == SUSPENDED) {
      state = RUNNING;
      return s;
    }
    throw new SuspendException(Diagnosis.cannotRun(this, stateName(s)));
  }

  private static String stateName(int s) {
    switch (s) {
      case NEW: return "new";
      case RUNNING: return "running";
      case SUSPENDED: return "suspended";
      case CAPTURED: return "captured inside a suspended outer continuation";
      default: return "done";
    }
  }

  /** True once the body has returned or thrown. */
  public boolean isDone() {
    return state == DONE;
  }

  /** True while the body runs, or while it is captured inside a running outer continuation. */
  boolean isRunning() {
    return state == RUNNING;
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
    Carrier c = Frames.carrier();
    Object token = c.token;
    c.token = null;
    suspend(c, scope, token);
  }

  /** Also reached directly from instrumented code, which passes its carrier and site token. */
  private static void suspend(Carrier c, ContinuationScope scope, Object token) {
    Objects.requireNonNull(scope, "scope");
    Continuation k = c.current;
    Continuation target = k;
    while (target != null && target.scope != scope) target = target.parent;
    if (target == null) throw new SuspendException(Diagnosis.noContinuation(scope, k));
    if (token != Frames.SUSPEND_TOKEN) throw new SuspendException(Diagnosis.cannotSuspend(token, scope));
    for (Continuation x = k; x != target; x = x.parent) {
      if (!x.enteredClean) throw new SuspendException(Diagnosis.cannotSuspend(Frames.UNINSTRUMENTED, scope));
    }
    c.unwindTarget = target;
    c.unwinding = true;
  }

  @Override
  public String toString() {
    return "Continuation[" + scope.name() + ", " + stateName(state) + "]";
  }
}

package dev.weft.continuations.internal.abi;

import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.Suspendable;
import dev.weft.continuations.SuspendableRunnable;
import dev.weft.continuations.internal.Diagnosis;
import dev.weft.continuations.internal.Sneaky;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The machine behind {@link dev.weft.continuations.Continuation}: its state, its saved frames and
 * the resume loop. The public class is a handle over one of these; Weft's own layers (generators,
 * greenlets, tasks) hold a runner directly, one object per suspended body instead of two.
 *
 * <p>It lives beside {@link Carrier} because it alone moves frame records in and out of the
 * carrier: the carrier's members stay package-private, and only the few fields and methods that
 * emitted bytecode touches are public. Not for user code: the public API is {@code Continuation}.
 *
 * <p>A layer whose body object lives as long as its runner may be that runner: a subclass that
 * implements {@link SuspendableRunnable} and calls {@link #Runner(SizeHint)} (an asyncio task's
 * body does: one object fewer per task). Everything else here is final.
 *
 * <p>Its fields are kept few and narrow on purpose: a million sleeping tasks are a million of
 * these. The scope is reached through the size hint, the state is a byte, and a runner captured
 * inside an outer one is its own record there ({@link #resume(Carrier, long)}).
 */
public class Runner implements ResumeEntry {
  /** The token an instrumented call site leaves for {@code run()V} targets, see {@link Frames}. */
  static final long RUN_TOKEN = Frames.tokenOf("run()V");
  /*
   * What a clean call leaves: of run(Carrier) on a runner, or of run() on the Continuation that
   * forwards to it (a runtime class, not instrumented, that adds no frame worth saving).
   */
  private static final long RUN_ON_RUNNER_BASE =
      Frames.tokenOf("run" + MethodType.methodType(void.class, Carrier.class).toMethodDescriptorString());
  private static final long RUN_ON_RUNNER = Frames.mix(RUN_ON_RUNNER_BASE, Runner.class);
  private static final long RUN_ON_CONTINUATION = Frames.mix(RUN_TOKEN, dev.weft.continuations.Continuation.class);

  private static final byte NEW = 0, RUNNING = 1, SUSPENDED = 2, CAPTURED = 3, DONE = 4;

  /* The scope's hint, and through it the scope (SizeHint.scope). */
  private final SizeHint sizeHint;
  private final SuspendableRunnable body;
  /*
   * Plain, not atomic: a continuation is confined to one thread at a time, and handing it to
   * another thread goes through whatever synchronisation the hand-off uses. Re-entry on the same
   * thread and use from a thread that was handed it while it runs are always detected; two threads
   * racing on run() at the same instant is a data race this does not promise to catch (an atomic
   * state would cost a third of a resume).
   */
  private byte state;

  /*
   * While running: the runner that ran this one (the next one out), and whether the call that ran
   * it was a clean suspension point, so that suspending an outer scope may unwind it.
   */
  private Runner parent;
  private boolean enteredClean;
  private boolean resumingFromParent;

  /*
   * Saved frames (see Carrier): written and read in place through Carrier.current while this runs,
   * grown by the carrier. The stack pointers are the carrier's while this runs.
   */
  private static final Object[] NO_REFS = {};
  private static final long[] NO_PRIMS = {};
  Object[] refs = NO_REFS;
  long[] prims = NO_PRIMS;
  private int rsp, psp;

  /*
   * Above rsp, refs may hold popped records' values up to here (see Frames.putRef): cleared when
   * the runner stops, so that nothing popped stays reachable while it is suspended or done.
   */
  int refsHigh;

  /*
   * The size of the records its last unwinding saved: where Carrier.push places the next ones.
   * A prediction only, so chars (saturated by Carrier.closeSegment) do: 4 bytes fewer per runner.
   */
  char lastSegmentRefs, lastSegmentPrims;

  /*
   * What the call that suspended returns when this runner is next run (or throws): set by the
   * layer above (a generator's send, a greenlet's switch) through resumeWith, or by the outer
   * runner when this one was captured (see resumeFromOuter).
   */
  private Object resumeValue;
  private Throwable resumeFailure;

  /** A runner of {@code sizeHint}'s scope that has not started (see {@link SizeHint}). */
  public Runner(SizeHint sizeHint, SuspendableRunnable body) {
    this.sizeHint = Objects.requireNonNull(sizeHint, "sizeHint");
    this.body = Objects.requireNonNull(body, "body");
  }

  /**
   * A runner that is its own body: for a subclass that implements {@link SuspendableRunnable}.
   *
   * @throws IllegalStateException if the subclass does not
   */
  protected Runner(SizeHint sizeHint) {
    this.sizeHint = Objects.requireNonNull(sizeHint, "sizeHint");
    if (!(this instanceof SuspendableRunnable)) {
      throw new IllegalStateException(getClass().getName() + " extends Runner without implementing SuspendableRunnable");
    }
    this.body = (SuspendableRunnable) this;
  }

  public final ContinuationScope scope() {
    return sizeHint.scope;
  }

  /**
   * Sets what the call that suspended this runner returns at its next {@link #run(Carrier)}, or
   * throws if {@code failure} is not null. Without it that call returns null.
   */
  public final void resumeWith(Object value, Throwable failure) {
    resumeValue = value;
    resumeFailure = failure;
  }

  /**
   * {@code Continuation.run()}, on the calling thread's carrier {@code c} ({@code Frames.carrier()};
   * an instrumented caller holds it already, so a resume from one looks nothing up); see there.
   *
   * <p>The only method of this name: stack traces are rebuilt by counting the {@code Runner.run}
   * frames on the thread, one per running runner, so no overload may forward to it.
   *
   * <p>Why the stores are guarded: a resume is a few dozen instructions, and each reference store
   * into these long-lived objects pays the collector's write barrier (with G1, a card check and
   * often a fence). So what does not change between resumes is not written again: the saved
   * arrays are not swapped into the carrier at all (it reaches them through its current runner),
   * the parent link at top level, the size hint, the pending exception when there is none.
   */
  @Suspendable
  public final void run(Carrier c) {
    long inToken = c.token;
    c.token = 0;
    boolean fromParent = resumingFromParent;
    if (fromParent) resumingFromParent = false;
    int was = acquire(fromParent);

    Runner outer = c.current;
    int outerRsp = c.rsp, outerPsp = c.psp; // no unwinding is in progress: no segment to keep
    c.rsp = rsp;
    c.psp = psp;
    c.current = this;
    enteredClean = inToken == RUN_ON_RUNNER || inToken == RUN_ON_CONTINUATION
        || (body == this && inToken != 0 && inToken == Frames.mix(RUN_ON_RUNNER_BASE, getClass())); // a runner that is its body
    if (outer != null) {
      parent = outer;
      // The outer's stack pointers are stale while it runs (its finally rewrites them): park them
      // there for as long as this one runs, so a live stack can name the outer's callers that a
      // lazy resume has not re-entered (runningStack). Nested runs only.
      outer.rsp = outerRsp;
      outer.psp = outerPsp;
    }

    boolean captured = false;
    Throwable failure = null;
    try {
      if (was == NEW) {
        c.token = Frames.mix(RUN_TOKEN, body.getClass());
        try {
          body.run();
        } catch (Throwable t) {
          failure = t;
        }
      } else {
        // What the suspended call returns, or throws, in the frame that suspended.
        Object value = resumeValue;
        Frames.returnRef(c, value);
        if (value != null) resumeValue = null;
        failure = resumeFailure;
        if (failure != null) resumeFailure = null;
      }
      // The resume loop: re-enter the top saved frame, hand its result to the next, until a frame
      // suspends again or none is left. A while loop, never recursion, so stacks stay short.
      for (;;) {
        if (c.unwinding) {
          c.closeSegment(this);
          Runner target = c.unwindTarget;
          if (target == null || target == this) { // null: the innermost runner, the first to see it
            c.unwinding = false;
            if (target != null) c.unwindTarget = null;
            state = SUSPENDED;
            if (sizeHint.refs != c.rsp) sizeHint.refs = c.rsp; // shared by a scope's runners: written only on change
            if (sizeHint.prims != c.psp) sizeHint.prims = c.psp;
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
        int recordR = c.rbase, recordP = c.pbase;
        Throwable passedIn = failure;
        if (c.pending != failure) c.pending = failure;
        failure = null;
        try {
          entry.resume(c, header);
        } catch (Throwable t) {
          failure = t;
          c.dropAbove(recordR, recordP);
          Traces.escaped(this, t, passedIn, entry, header, c); // the callers' frames, from their records
        }
      }
    } finally {
      int r = rsp = c.rsp;
      psp = c.psp;
      if (refsHigh > r) clearAbove(r);
      c.rsp = outerRsp;
      c.psp = outerPsp;
      c.current = outer;
      if (outer != null) parent = null;
      if (captured) {
        c.push(0, 0, this, Frames.header(0, 0, 0, 0));
      } else if (state == RUNNING) {
        state = DONE; // an Error escaped the runner itself
      }
    }
  }

  /* What popped records left above the stack: a suspension that saved fewer slots than last time, or the end. */
  void clearAbove(int r) {
    java.util.Arrays.fill(refs, r, Math.min(refsHigh, refs.length), null);
    refsHigh = r;
  }

  /** The size hint of this runner's scope: how large to make its arrays when they first grow. */
  SizeHint sizeHint() {
    return sizeHint;
  }

  /**
   * This runner as a record of the outer one that captured it: re-runs it as the outer's top
   * frame. Whatever the outer was resumed with (its runner put it in the carrier as this frame's
   * result or pending exception) belongs to the frame that suspended, which is inside this runner:
   * an outer scope is only ever unwound from its innermost frame, so every runner in between was
   * captured and the value must travel inward through each of them. Called by an outer runner's
   * resume loop only.
   */
  @Override
  public final void resume(Carrier c, long header) {
    resumeValue = Frames.resultRef(c);
    resumeFailure = Frames.takePending(c);
    resumingFromParent = true;
    c.token = RUN_ON_RUNNER;
    run(c);
    Frames.returnVoid(c);
  }

  private int acquire(boolean fromParent) {
    byte s = state;
    if (fromParent ? s == CAPTURED : s == NEW || s == SUSPENDED) {
      state = RUNNING;
      return s;
    }
    throw Diagnosis.cannotRun(this, stateName(s));
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

  /**
   * The saved frames of a suspended runner, innermost first, each with the line it waits at (a
   * captured inner runner's frames in its place), without resuming it; runtime frames left out
   * unless {@code -Dweft.traces=full}. Empty if it is not suspended.
   */
  public final List<StackTraceElement> savedStack() {
    if (state != SUSPENDED && state != CAPTURED) return List.of();
    List<StackTraceElement> out = new ArrayList<>();
    collect(out);
    return List.of(Traces.forUser(out.toArray(new StackTraceElement[0])));
  }

  /**
   * The logical stack of the code running on this thread, innermost first, as {@link #savedStack()}
   * is for a suspended one: the live frames above the innermost {@code Runner.run}, the saved
   * records of the callers a lazy resume has not re-entered, then the same for each runner that
   * runs it (a task running a generator running this), outward. Runtime frames left out unless
   * {@code -Dweft.traces=full}. Empty outside any runner. Walks the stack: for introspection (a
   * call graph, a debug-mode creation stack), not for hot paths.
   */
  public static List<StackTraceElement> runningStack() {
    return runningStack(null);
  }

  /** {@link #runningStack()} down to the saved callers of {@code outermost} (a running runner; null: all). */
  public static List<StackTraceElement> runningStack(Runner outermost) {
    List<StackTraceElement> out = new ArrayList<>();
    if (Frames.carrier().current == null) return List.of();
    logicalHere(new Throwable().getStackTrace(), 1, outermost, out);
    return List.of(Traces.forUser(out.toArray(new StackTraceElement[0])));
  }

  /**
   * The logical stack at the point where {@code here} was taken (a trace made on this thread just
   * now, by {@code new Throwable()}): {@link #runningStack(Runner)}, then {@code below} (what
   * continues the chain under {@code outermost}'s body, such as the tasks awaiting it), then the
   * thread's frames under {@code outermost}'s {@code Runner.run}. Outside any runner, {@code here}
   * itself. Runtime frames left out unless {@code -Dweft.traces=full}, even on top.
   */
  public static StackTraceElement[] logicalStack(StackTraceElement[] here, Runner outermost, List<StackTraceElement> below) {
    if (Frames.carrier().current == null) return Traces.forUser(here);
    List<StackTraceElement> out = new ArrayList<>();
    int rest = logicalHere(here, 0, outermost, out);
    out.addAll(below);
    for (int i = rest; i < here.length; i++) out.add(plain(here[i]));
    return Traces.forUser(out.toArray(new StackTraceElement[0]));
  }

  /*
   * Appends the frames of `here` from `from`, runner by runner from the innermost on this thread:
   * the live frames above its Runner.run, then its saved records (the carrier's for the innermost,
   * the ones parked by run() for the outer ones), until `outermost` or the last runner. Returns
   * the index in `here` just below the last Runner.run walked (which is appended too).
   */
  private static int logicalHere(StackTraceElement[] here, int from, Runner outermost, List<StackTraceElement> out) {
    Carrier c = Frames.carrier();
    int i = from;
    for (Runner k = c.current; k != null; k = k.parent) {
      for (; i < here.length && !Traces.isRunnerRunFrame(here[i]); i++) out.add(plain(here[i]));
      if (k == c.current) {
        savedFrames(k.refs, k.prims, c.rsp, c.psp, out);
      } else {
        savedFrames(k.refs, k.prims, k.rsp, k.psp, out);
      }
      // k's own Runner.run, logically below the records it holds (shown with -Dweft.traces=full)
      if (i < here.length) out.add(plain(here[i++]));
      if (k == outermost) break;
    }
    return Math.min(i, here.length);
  }

  /* As the saved records read: no class loader or module, so live and saved frames compare equal. */
  private static StackTraceElement plain(StackTraceElement e) {
    return new StackTraceElement(e.getClassName(), e.getMethodName(), e.getFileName(), e.getLineNumber());
  }

  private void collect(List<StackTraceElement> out) {
    savedFrames(refs, prims, rsp, psp, out);
  }

  /**
   * The frames the records below {@code rsp}/{@code psp} stand for, top (innermost) first; a
   * captured runner's record stands for its own saved frames. The one walk of a record stack.
   */
  static void savedFrames(Object[] refs, long[] prims, int rsp, int psp, List<StackTraceElement> out) {
    for (int r = rsp, p = psp; p > 0; ) {
      long h = prims[p - 1];
      ResumeEntry e = (ResumeEntry) refs[r - 1];
      if (e instanceof Runner) { // a captured inner runner
        ((Runner) e).collect(out);
      } else {
        StackTraceElement frame = Traces.element(e, h);
        if (frame != null) out.add(frame);
      }
      p -= Frames.primCount(h) + 1;
      r -= Frames.refCount(h) + 1;
    }
  }

  /** True until the first {@link #run(Carrier)}. */
  public final boolean isNew() {
    return state == NEW;
  }

  /** True once the body has returned or thrown. */
  public final boolean isDone() {
    return state == DONE;
  }

  /** True while the body runs, or while it is captured inside a running outer runner. */
  public final boolean isRunning() {
    return state == RUNNING;
  }

  /** {@code Continuation.suspend(scope)}: takes the calling site's token from the carrier. */
  public static void suspend(ContinuationScope scope) {
    Carrier c = Frames.carrier();
    long token = c.token;
    c.token = 0;
    suspend(c, scope, token);
  }

  /**
   * Suspends on behalf of the uninstrumented method that calls this, whose own token is
   * {@code ownToken}; see {@code Suspensions.suspendCaller}.
   */
  public static void suspendCaller(ContinuationScope scope, long ownToken) {
    suspendCaller(Frames.carrier(), scope, ownToken);
  }

  /** {@link #suspendCaller(ContinuationScope, long)} on the calling thread's carrier {@code c}. */
  public static void suspendCaller(Carrier c, ContinuationScope scope, long ownToken) {
    long token = c.token;
    c.token = 0;
    suspend(c, scope, token == ownToken ? Frames.SUSPEND_TOKEN : Frames.dirty(token));
  }

  /** Also reached directly from instrumented code (through Frames), with its carrier and token. */
  static void suspend(Carrier c, ContinuationScope scope, long token) {
    Objects.requireNonNull(scope, "scope");
    Runner k = c.current;
    Runner target = k;
    while (target != null && target.sizeHint.scope != scope) target = target.parent;
    if (target == null) throw Diagnosis.noContinuation(scope, k);
    if (token != Frames.SUSPEND_TOKEN) throw Diagnosis.cannotSuspend(token == Frames.MONITOR ? c.monitorSite : null, scope);
    for (Runner x = k; x != target; x = x.parent) {
      if (!x.enteredClean) throw Diagnosis.cannotSuspend(null, scope);
    }
    // The common case, the innermost runner, is left as null: a reference store into the carrier
    // pays the collector's write barrier, and this runs once per suspension.
    if (target != k) c.unwindTarget = target;
    c.unwinding = true;
  }

  /**
   * Leaves frames of these classes (and their nested classes) out of the stack traces rebuilt
   * after a resume: for the layers above, whose drivers (a generator's step, a task's step) are
   * runtime frames to the user. {@code -Dweft.traces=full} shows them.
   */
  public static void hideInTraces(Class<?>... runtimeClasses) {
    for (Class<?> c : runtimeClasses) Traces.hide(c.getName());
  }

  /** {@link #hideInTraces(Class...)} by class name: for a layer's package-private drivers. */
  public static void hideNamedInTraces(String... classNames) {
    Traces.hide(classNames);
  }

  /** {@link #hideInTraces(Class...)} for a whole package and its subpackages, such as a layer's internals. */
  public static void hidePackageInTraces(String packageName) {
    Traces.hide(packageName + ".");
  }

  /** Leaves exceptions of exactly this class with the stack trace they were made with (cheap to throw). */
  public static void keepTracesOf(Class<? extends Throwable> controlFlow) {
    Traces.keepAsThrown(controlFlow.getName());
  }

  /* How many runners run on this thread, this one and those outside it (it must be running). */
  int depth() {
    int d = 0;
    for (Runner r = this; r != null; r = r.parent) d++;
    return d;
  }

  /** The innermost runner of {@code scope} running on this thread, or null; for Weft's layers. */
  public static Runner innermost(ContinuationScope scope) {
    for (Runner r = Frames.carrier().current; r != null; r = r.parent) {
      if (r.sizeHint.scope == scope) return r;
    }
    return null;
  }

  /** The body this runner runs, as given to the constructor. */
  public final SuspendableRunnable body() {
    return body;
  }

  /** The scope of the innermost runner running on this thread, or null. */
  static ContinuationScope currentScope(Carrier c) {
    Runner k = c.current;
    return k == null ? null : k.sizeHint.scope;
  }

  @Override
  public String toString() {
    return "Continuation[" + sizeHint.scope.name() + ", " + stateName(state) + "]";
  }
}

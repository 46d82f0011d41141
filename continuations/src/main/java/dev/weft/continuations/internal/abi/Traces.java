package dev.weft.continuations.internal.abi;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stack traces as if no frame had ever been unwound.
 *
 * <p>When a resumed frame throws, the JVM's trace holds only the frames above the resume loop:
 * the callers were saved as records and are re-entered one by one, later. So when an exception
 * leaves a resumed frame, the runner rewrites its trace once: what ran above the loop, the frame
 * that was resumed (if the exception only passed through it), each saved caller by its record
 * (class, method, source line of the call site, from the class's {@link Instrumented} site table),
 * then the frames below the runner. Crossing an outer runner, or the runner of an awaiting task,
 * appends that runner's records in the same way, so the trace follows the logical chain.
 *
 * <p>Why this way: the records are there anyway, so naming them costs nothing until something
 * throws, and then a bounded amount (one walk of the records and one of the thread's stack) per
 * runner crossed; a line table consulted on the normal path would cost every resume. Runtime
 * frames (resume loops, dispatchers, task steps) are left out unless {@code -Dweft.traces=full}.
 */
final class Traces {
  private static final boolean FULL = "full".equals(System.getProperty("weft.traces"));
  private static final String RESUME_METHOD = "weft$resume", COPY_SUFFIX = "$weft";

  /* The whole logical trace (runtime frames kept) of each exception rewritten, and by whom last. */
  private static final Map<Throwable, Rewrite> REWRITTEN = Collections.synchronizedMap(new WeakHashMap<>());

  /* Weakly to the runner: its body may reach the exception, and the map must not keep either alive. */
  private static final class Rewrite {
    final StackTraceElement[] logical;
    /* Where the frames below the rewriting runner start: what lies above is the logical chain. */
    final int belowFrom;
    final WeakReference<Runner> by;

    Rewrite(StackTraceElement[] logical, int belowFrom, Runner by) {
      this.logical = logical;
      this.belowFrom = belowFrom;
      this.by = new WeakReference<>(by);
    }
  }

  /* Exception types used as control-flow signals (cancellation), kept as thrown: cheap to raise. */
  private static final Set<String> AS_THROWN = ConcurrentHashMap.newKeySet();

  /* Classes whose frames are the runtime's own; the layers above register theirs. */
  private static final Set<String> HIDDEN = ConcurrentHashMap.newKeySet();

  static {
    hide("dev.weft.continuations.internal.", "dev.weft.continuations.Continuation");
  }

  private Traces() {}

  /** Leaves exceptions of exactly this class with the trace they were made with. */
  static void keepAsThrown(String className) {
    AS_THROWN.add(className);
  }

  /** Leaves frames of these classes (and their nested classes), or of packages named "a.b.", out of rewritten traces. */
  static void hide(String... classNames) {
    HIDDEN.addAll(Arrays.asList(classNames));
  }

  /**
   * {@code failure} left the frame described by {@code entry}/{@code header}, which runner
   * {@code k} had resumed with {@code passedIn} pending (null if none). {@code c} holds the
   * frame's callers as records.
   */
  static void escaped(Runner k, Throwable failure, Throwable passedIn, ResumeEntry entry, long header, Carrier c) {
    try {
      rewrite(k, failure, passedIn, entry, header, c);
    } catch (RuntimeException | StackOverflowError e) {
      // A trace is a diagnostic: never let rewriting it replace the exception being reported.
    }
  }

  private static void rewrite(Runner k, Throwable failure, Throwable passedIn, ResumeEntry entry, long header, Carrier c) {
    if (AS_THROWN.contains(failure.getClass().getName())) return;
    StackTraceElement[] own = failure.getStackTrace();
    if (own.length == 0) return; // not writable, or a control-flow exception made without a trace
    Rewrite before = REWRITTEN.get(failure);
    boolean passedThrough = failure == passedIn;
    if (passedThrough && before != null && before.by.get() == k) return; // this runner's records are in it already

    StackTraceElement[] from = before == null ? own : before.logical;
    List<StackTraceElement> logical = new ArrayList<>();
    StackTraceElement[] below;
    if (passedThrough) {
      // Thrown into this frame at its call site (an awaited task's failure, a greenlet's throw):
      // what the exception had above its own first runner, then this frame, then this thread's
      // frames below this runner (the only case that walks the stack).
      below = below(new Throwable().getStackTrace());
      if (below == null) return;
      logical.addAll(Arrays.asList(from).subList(0, before == null ? aboveFirstRunner(from) : before.belowFrom));
      StackTraceElement self = element(entry, header);
      if (self != null) logical.add(self);
    } else {
      // Thrown inside this frame or below it: the trace holds this runner's own Runner.run frame,
      // as many runners from the bottom as are running on this thread; above it is what ran, and
      // it stays itself, below the saved callers.
      int cut = runnerFrameFromBottom(from, k.depth());
      if (cut < 0) return; // not thrown inside this runner after all
      below = Arrays.copyOfRange(from, cut, from.length);
      logical.addAll(Arrays.asList(from).subList(0, cut));
    }
    Runner.savedFrames(c.current.refs, c.current.prims, c.rsp, c.psp, logical);
    int belowFrom = logical.size();
    logical.addAll(Arrays.asList(below));
    StackTraceElement[] all = logical.toArray(new StackTraceElement[0]);
    REWRITTEN.put(failure, new Rewrite(all, belowFrom, k));
    failure.setStackTrace(FULL ? all : shown(all));
  }

  /*
   * The current thread's frames from the innermost Runner.run (this runner) down, or null. The
   * runner's own frame stays in the logical trace, below the records it holds: that is where it
   * sits logically, and -Dweft.traces=full shows it (the default view hides it as a runtime frame).
   */
  private static StackTraceElement[] below(StackTraceElement[] here) {
    for (int i = 0; i < here.length; i++) {
      if (isRunnerRun(here[i])) return Arrays.copyOfRange(here, i, here.length);
    }
    return null;
  }

  /** What a user sees of a suspended stack: no runtime frame, even on top, unless {@code -Dweft.traces=full}. */
  static StackTraceElement[] forUser(StackTraceElement[] all) {
    return FULL ? all : shown(all, false);
  }

  /* Index of the n-th Runner.run frame counted from the bottom of the trace, or -1. */
  private static int runnerFrameFromBottom(StackTraceElement[] trace, int n) {
    for (int i = trace.length - 1; i >= 0; i--) {
      if (isRunnerRun(trace[i]) && --n == 0) return i;
    }
    return -1;
  }

  private static int aboveFirstRunner(StackTraceElement[] trace) {
    for (int i = 0; i < trace.length; i++) if (isRunnerRun(trace[i])) return i;
    return trace.length;
  }

  static boolean isRunnerRunFrame(StackTraceElement e) {
    return isRunnerRun(e);
  }

  private static boolean isRunnerRun(StackTraceElement e) {
    return e.getMethodName().equals("run") && e.getClassName().equals(Runner.class.getName());
  }

  /**
   * The trace a user sees: runtime frames left out, resume copies under their own names. Runtime
   * frames at the very top stay: there the runtime itself raised the exception (a future's result
   * asked too early), and where it did so is the point of the trace.
   */
  static StackTraceElement[] shown(StackTraceElement[] all) {
    return shown(all, true);
  }

  private static StackTraceElement[] shown(StackTraceElement[] all, boolean keepTop) {
    List<StackTraceElement> out = new ArrayList<>(all.length);
    boolean top = keepTop;
    for (StackTraceElement e : all) {
      boolean runtime = e.getMethodName().equals(RESUME_METHOD) || isHidden(e.getClassName());
      if (runtime && !top) continue;
      top &= runtime;
      out.add(renamed(e));
    }
    return out.toArray(new StackTraceElement[0]);
  }

  private static boolean isHidden(String className) {
    if (HIDDEN.contains(className)) return true;
    for (int dot = className.lastIndexOf('.'); dot > 0; dot = className.lastIndexOf('.', dot - 1)) {
      if (HIDDEN.contains(className.substring(0, dot + 1))) return true; // a hidden package ("a.b.")
    }
    int nested = className.indexOf('$');
    return nested > 0 && HIDDEN.contains(className.substring(0, nested));
  }

  /* m$weft3 -> m: the resume copy of m is m, to the user. */
  private static StackTraceElement renamed(StackTraceElement e) {
    String m = e.getMethodName();
    int i = m.lastIndexOf(COPY_SUFFIX);
    if (i <= 0 || i + COPY_SUFFIX.length() == m.length() || !isDigits(m, i + COPY_SUFFIX.length())) return e;
    return new StackTraceElement(e.getClassLoaderName(), e.getModuleName(), e.getModuleVersion(),
        e.getClassName(), m.substring(0, i), e.getFileName(), e.getLineNumber());
  }

  private static boolean isDigits(String s, int from) {
    for (int i = from; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return false;
    return true;
  }

  /** The saved frame a record stands for, or null for a runtime record (a captured runner). */
  static StackTraceElement element(ResumeEntry entry, long header) {
    if (entry instanceof Runner) return null; // a captured runner: its own records stand for it
    SiteTable t = SiteTable.of(entry);
    return t == null ? null : t.element(Frames.method(header), Frames.site(header));
  }
}

package dev.weft.continuations.internal;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.internal.abi.Runner;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendException;
import dev.weft.continuations.SuspendException.Reason;
import dev.weft.continuations.internal.abi.Frames;
import dev.weft.continuations.internal.abi.Instrumented;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the messages of {@link dev.weft.continuations.SuspendException}. Only error paths come
 * here, so this is the one place that may walk the stack.
 */
public final class Diagnosis {
  /* Reflection frames are shown: by default the walker hides them, and then the frame blamed for a
     suspension through Method.invoke was its caller, with advice that could not help. */
  private static final StackWalker WALKER = StackWalker.getInstance(
      Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_REFLECT_FRAMES));

  private Diagnosis() {}

  public static SuspendException cannotRun(Object k, String state) {
    Reason reason = state.startsWith("captured") ? Reason.CAPTURED
        : state.equals("running") ? Reason.RUNNING : Reason.DONE;
    return new SuspendException(reason, null, "cannot run " + k + ": it is " + state
        + (reason == Reason.CAPTURED ? "; run the outer continuation instead" : ""));
  }

  public static SuspendException noContinuation(ContinuationScope scope, Object innermost) {
    Optional<StackWalker.StackFrame> caller = userFrames().stream().findFirst();
    return new SuspendException(Reason.NO_CONTINUATION, element(caller), "cannot suspend " + scope + " in "
        + describe(caller) + ": no continuation of that scope is running on thread "
        + Thread.currentThread().getName()
        + (innermost == null ? " (none is running)" : " (innermost running: " + innermost + ")"));
  }

  /**
   * Explains why a suspension that reached {@code suspend} with a dirty token is refused;
   * {@code monitorSite} is where the call inside {@code synchronized} is, if that is the reason.
   */
  public static SuspendException cannotSuspend(String monitorSite, ContinuationScope scope) {
    if (monitorSite != null) {
      return new SuspendException(Reason.IN_MONITOR, null, "cannot suspend inside synchronized in "
          + monitorSite
          + ": a suspended frame cannot keep holding a monitor; use dev.weft.asyncio.Lock or move the"
          + " suspending call out of the synchronized block");
    }
    List<StackWalker.StackFrame> frames = userFrames();
    // The culprit is the first frame, going outwards, that could not have saved itself.
    for (int i = 0; i < frames.size(); i++) {
      StackWalker.StackFrame f = frames.get(i);
      if (isRunner(f)) break;
      if (isReflection(f)) {
        while (i + 1 < frames.size() && isReflection(frames.get(i + 1))) i++; // name the public entry, Method.invoke
        return refusal(Reason.REFLECTION, scope, frames.get(i),
            "reflection and method handles cannot carry a suspension; call the method directly");
      }
      if (isJdk(f)) {
        return refusal(Reason.JDK_FRAME, scope, f, "JDK code cannot suspend (a lambda passed to forEach,"
            + " a stream or another JDK method runs inside it); write a plain for loop, or call the"
            + " suspending code from your own method");
      }
      if (f.getMethodName().equals("<init>") || f.getMethodName().equals("<clinit>")) {
        return refusal(Reason.IN_INITIALIZER, scope, f,
            "constructors and static initialisers cannot suspend; move the suspending call into a method");
      }
      if (!f.getDeclaringClass().isAnnotationPresent(Instrumented.class)) {
        return refusal(Reason.NOT_INSTRUMENTED, scope, f, notInstrumented(f.getDeclaringClass()));
      }
      if (!isInstrumented(f)) {
        return refusal(Reason.NOT_SUSPENDABLE, scope, f,
            "the method is not suspendable; declare throws Suspend or annotate it @Suspendable");
      }
    }
    Optional<StackWalker.StackFrame> first = frames.stream().findFirst();
    return new SuspendException(Reason.NOT_A_SUSPENSION_POINT, element(first), "cannot suspend " + scope
        + " in " + describe(first) + ": a frame between it and the continuation was not called from a"
        + " suspension point (the called method does not declare throws Suspend, is reached through"
        + " reflection or a method handle, or its caller is not instrumented)");
  }

  /* Set by the agent: 1 when it was given at start-up, 2 when Weft.install() attached it later. */
  private static volatile int loadTimeInstrumentation;

  /** Called by the agent once it transforms classes as they load; {@code selfAttached} for Weft.install(). */
  public static void loadTimeInstrumentationActive(boolean selfAttached) {
    loadTimeInstrumentation = selfAttached ? 2 : 1;
  }

  /* Why a class meant to suspend was not rewritten, in the terms of what the user did. */
  private static String notInstrumented(Class<?> c) {
    String name = c.getName();
    boolean meantToSuspend = declaresSuspend(c);
    if (meantToSuspend && loadTimeInstrumentation == 2) {
      return "class not instrumented: installed too late: " + name + " was loaded before Weft.install();"
          + " call it from a class that does not suspend, move the suspending code into another class, start with"
          + " Weft.launch(" + c.getSimpleName() + ".class, args), or use the build plugin (WeftPlugin) or -javaagent";
    }
    if (meantToSuspend && loadTimeInstrumentation == 0) {
      return "class not instrumented: " + name + " was compiled but not instrumented yet: its methods declare"
          + " throws Suspend, but WeftPlugin has not rewritten it (with mvn compile exec:java, bind the plugin's"
          + " transform goal to the compile phase as the README shows; from an IDE, delegate the build to Maven or"
          + " run with -javaagent:weft-agent.jar; or call Weft.install() before the class loads)";
    }
    return "class not instrumented; add WeftPlugin to its build, run with -javaagent:weft-agent.jar, or call"
        + " Weft.install() before it loads";
  }

  private static boolean declaresSuspend(Class<?> c) {
    try {
      for (Method m : c.getDeclaredMethods()) {
        for (Class<?> e : m.getExceptionTypes()) if (Suspend.class.isAssignableFrom(e)) return true;
      }
    } catch (LinkageError e) {
      // a class whose signatures cannot be resolved: no more specific advice
    }
    return false;
  }

  private static SuspendException refusal(Reason reason, ContinuationScope scope, StackWalker.StackFrame f, String why) {
    return new SuspendException(reason, f.toStackTraceElement(),
        "cannot suspend " + scope + " through " + describe(Optional.of(f)) + ": " + why);
  }

  private static StackTraceElement element(Optional<StackWalker.StackFrame> frame) {
    return frame.map(StackWalker.StackFrame::toStackTraceElement).orElse(null);
  }

  /* Classes of the JDK's own modules: never instrumented, so never a frame that can be saved. */
  private static boolean isJdk(StackWalker.StackFrame f) {
    Module m = f.getDeclaringClass().getModule();
    if (!m.isNamed() || m.getLayer() != ModuleLayer.boot()) return false;
    String name = m.getName();
    return name.startsWith("java.") || name.startsWith("jdk.");
  }

  private static boolean isReflection(StackWalker.StackFrame f) {
    String c = f.getClassName();
    return c.startsWith("java.lang.reflect.") || c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.invoke.");
  }

  private static boolean isRunner(StackWalker.StackFrame f) {
    return f.getDeclaringClass() == Runner.class && f.getMethodName().equals("run");
  }

  private static boolean isInstrumented(StackWalker.StackFrame f) {
    String descriptor = f.getDescriptor();
    for (Method m : f.getDeclaringClass().getDeclaredMethods()) {
      if (m.getName().equals(f.getMethodName())
          && MethodType.methodType(m.getReturnType(), m.getParameterTypes())
              .toMethodDescriptorString().equals(descriptor)) {
        return m.isAnnotationPresent(Instrumented.class);
      }
    }
    return false;
  }

  /**
   * The stack from the caller of {@code suspend} outwards, without Weft's own runtime frames, and
   * without the small method that suspended on behalf of its caller through Suspensions.
   */
  private static List<StackWalker.StackFrame> userFrames() {
    return WALKER.walk(s -> {
      List<StackWalker.StackFrame> all = s.collect(Collectors.toList());
      int i = 0;
      boolean forCaller = false;
      while (i < all.size() && isRuntimeFrame(all.get(i))) {
        forCaller |= all.get(i).getDeclaringClass() == Suspensions.class;
        i++;
      }
      if (forCaller && i < all.size()) i++;
      return all.subList(i, all.size());
    });
  }

  private static boolean isRuntimeFrame(StackWalker.StackFrame f) {
    Class<?> c = f.getDeclaringClass();
    return c == Diagnosis.class || c == Frames.class || c == Suspensions.class
        || (c == Runner.class || c == Continuation.class) && f.getMethodName().startsWith("suspend");
  }

  private static String describe(Optional<StackWalker.StackFrame> frame) {
    return frame.map(f -> f.getClassName() + "." + f.getMethodName() + f.getDescriptor()
        + (f.getFileName() == null ? "" : " (" + f.getFileName() + ":" + f.getLineNumber() + ")"))
        .orElse("<unknown>");
  }
}

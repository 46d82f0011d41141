package dev.weft.continuations.internal;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.ContinuationScope;
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

  public static String cannotRun(Continuation k, String state) {
    return "cannot run " + k + ": it is " + state
        + (state.startsWith("captured") ? "; run the outer continuation instead" : "");
  }

  public static String noContinuation(ContinuationScope scope, Continuation innermost) {
    return "cannot suspend " + scope + " in " + describe(userFrames().stream().findFirst())
        + ": no continuation of that scope is running on thread " + Thread.currentThread().getName()
        + (innermost == null ? " (none is running)" : " (innermost running: " + innermost + ")");
  }

  /** Explains why a suspension that reached {@code suspend} with a dirty token is refused. */
  public static String cannotSuspend(Object token, ContinuationScope scope) {
    if (token instanceof String && ((String) token).startsWith(Frames.MONITOR_PREFIX)) {
      return "cannot suspend inside synchronized in "
          + ((String) token).substring(Frames.MONITOR_PREFIX.length())
          + ": a suspended frame cannot keep holding a monitor; use dev.weft.asyncio.Lock or move the"
          + " suspending call out of the synchronized block";
    }
    List<StackWalker.StackFrame> frames = userFrames();
    // The culprit is the first frame, going outwards, that could not have saved itself.
    for (int i = 0; i < frames.size(); i++) {
      StackWalker.StackFrame f = frames.get(i);
      if (isRunner(f)) break;
      if (isReflection(f)) {
        while (i + 1 < frames.size() && isReflection(frames.get(i + 1))) i++; // name the public entry, Method.invoke
        return "cannot suspend " + scope + " through " + describe(Optional.of(frames.get(i)))
            + ": reflection and method handles cannot carry a suspension; call the method directly";
      }
      if (f.getMethodName().equals("<init>") || f.getMethodName().equals("<clinit>")) {
        return "cannot suspend " + scope + " through " + describe(Optional.of(f))
            + ": constructors and static initialisers cannot suspend; move the suspending call into"
            + " a method";
      }
      if (!f.getDeclaringClass().isAnnotationPresent(Instrumented.class)) {
        return "cannot suspend " + scope + " through " + describe(Optional.of(f))
            + ": class not instrumented; add WeftPlugin to its build, run with"
            + " -javaagent:weft-continuations.jar, or call Weft.install() before it loads";
      }
      if (!isInstrumented(f)) {
        return "cannot suspend " + scope + " through " + describe(Optional.of(f))
            + ": the method is not suspendable; declare throws Suspend or annotate it @Suspendable";
      }
    }
    return "cannot suspend " + scope + " in " + describe(frames.stream().findFirst())
        + ": a frame between it and the continuation was not called from a suspension point (the"
        + " called method does not declare throws Suspend, is reached through reflection or a"
        + " method handle, or its caller is not instrumented)";
  }

  private static boolean isReflection(StackWalker.StackFrame f) {
    String c = f.getClassName();
    return c.startsWith("java.lang.reflect.") || c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.invoke.");
  }

  private static boolean isRunner(StackWalker.StackFrame f) {
    return f.getDeclaringClass() == Continuation.class && f.getMethodName().equals("run");
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
        || c.getName().startsWith(Continuation.class.getName()) && f.getMethodName().equals("suspend");
  }

  private static String describe(Optional<StackWalker.StackFrame> frame) {
    return frame.map(f -> f.getClassName() + "." + f.getMethodName() + f.getDescriptor()
        + (f.getFileName() == null ? "" : " (" + f.getFileName() + ":" + f.getLineNumber() + ")"))
        .orElse("<unknown>");
  }
}

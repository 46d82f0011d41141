package dev.weft.asyncio.internal.task;

import dev.weft.continuations.SuspendException;
import java.util.Optional;

/**
 * The refusal of an await that has no task to suspend: on a thread with no event loop, or in a
 * plain callback of one. The message names the user's method that awaited, not Weft's frames
 * below it, and the way out. Only the error path comes here, so it may walk the stack.
 */
public final class OutsideTask {
  /* Class references are retained because newer JDKs need them for a frame's descriptor. */
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private OutsideTask() {}

  /** {@code what} is the refused operation, such as {@code "await Future[pending]"}. */
  public static SuspendException refusal(String what, boolean loopRunning) {
    Optional<StackWalker.StackFrame> site = WALKER.walk(s -> s.filter(f -> !isWeft(f.getClassName())).findFirst());
    return new SuspendException("cannot " + what + " outside a task, in "
        + site.map(f -> f.getClassName() + "." + f.getMethodName() + f.getDescriptor()
            + (f.getFileName() == null ? "" : " (" + f.getFileName() + ":" + f.getLineNumber() + ")")).orElse("<unknown>")
        + ": " + (loopRunning
            ? "the event loop is running a plain callback, which cannot suspend"
            : "no event loop is running on thread " + Thread.currentThread().getName())
        + "; await inside a coroutine run by Asyncio.run, createTask or runUntilComplete");
  }

  /* Weft's own frames between the user's await and here: the API's, the runtime's, and lambdas in them. */
  private static final java.util.Set<String> WEFT_CLASSES = java.util.Set.of("dev.weft.asyncio.Asyncio",
      "dev.weft.asyncio.Coroutine", "dev.weft.asyncio.Tasks", "dev.weft.asyncio.Waits", "dev.weft.asyncio.Runners",
      "dev.weft.asyncio.Streams");

  private static boolean isWeft(String className) {
    int nested = className.indexOf('$');
    return WEFT_CLASSES.contains(nested < 0 ? className : className.substring(0, nested))
        || className.startsWith("dev.weft.asyncio.internal.") || className.startsWith("dev.weft.continuations.");
  }
}

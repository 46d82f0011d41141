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

  /**
   * {@code what} is the refused operation, such as {@code "await Future[pending]"}. With no loop
   * on this thread the message leads with the user's method and the fix: "com.example.App.fetchUser()
   * awaited outside an event loop: run it with Asyncio.run(...)".
   */
  public static SuspendException refusal(String what, boolean loopRunning) {
    Optional<StackWalker.StackFrame> site = WALKER.walk(s -> s.filter(f -> !isWeft(f.getClassName())).findFirst());
    String where = site.map(f -> " (" + (f.getFileName() == null ? "?" : f.getFileName() + ":" + f.getLineNumber()) + ")").orElse("");
    if (!loopRunning) {
      return new SuspendException(site.map(f -> f.getClassName() + "." + f.getMethodName() + "()").orElse("<unknown>")
          + " awaited outside an event loop: run it with Asyncio.run(...), or await it inside a coroutine run by"
          + " Asyncio.run, createTask or runUntilComplete (it tried to " + what + where + " on thread "
          + Thread.currentThread().getName() + ", where no event loop is running)");
    }
    return new SuspendException("cannot " + what + " outside a task, in "
        + site.map(f -> f.getClassName() + "." + f.getMethodName() + f.getDescriptor()).orElse("<unknown>") + where
        + ": the event loop is running a plain callback, which cannot suspend"
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

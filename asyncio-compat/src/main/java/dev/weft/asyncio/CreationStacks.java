package dev.weft.asyncio;

import dev.weft.asyncio.internal.task.Current;
import dev.weft.asyncio.internal.task.Resumable;
import dev.weft.continuations.internal.abi.Runner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Debug mode's "created at" stacks (CPython's {@code _source_traceback}, and the origin of a
 * coroutine never awaited), as exact as the traces of exceptions: the frames that made the
 * future or coroutine under their own names with the lines of their calls, including the callers
 * a lazy resume has not re-entered, then the tasks awaiting the current one (each at the line
 * where it waits), then the thread's frames below the loop; runtime frames left out unless
 * {@code -Dweft.traces=full}. Debug mode only: it walks the stack and the awaiters at each
 * creation, which is what debug mode is for.
 */
final class CreationStacks {
  private CreationStacks() {}

  /** A throwable whose stack is the logical stack of the caller's caller (the code creating something). */
  static Throwable here() {
    Throwable t = new Throwable("created at");
    StackTraceElement[] full = t.getStackTrace();
    StackTraceElement[] here = java.util.Arrays.copyOfRange(full, Math.min(1, full.length), full.length); // not this frame
    Current current = Current.onThread();
    Resumable body = current == null ? null : current.body();
    if (body == null) {
      t.setStackTrace(Runner.logicalStack(here, null, List.of()));
    } else {
      t.setStackTrace(body.logicalStack(here, awaitersOf(current.task())));
    }
    return t;
  }

  /*
   * The stacks of the tasks awaiting `task`, nearest first, through the futures in between (a
   * gather, a shield) that have no stack of their own. The first awaiter at each level: a creation
   * stack is one chain, as an exception's trace is.
   */
  private static List<StackTraceElement> awaitersOf(Future<?> task) {
    List<StackTraceElement> out = new ArrayList<>();
    Set<Future<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(task);
    for (Future<?> f = task; ; ) {
      List<Future<?>> by = f.awaitedBy();
      if (by.isEmpty() || !seen.add(by.get(0))) return out;
      f = by.get(0);
      if (f instanceof Task) out.addAll(((Task<?>) f).getStack());
    }
  }
}

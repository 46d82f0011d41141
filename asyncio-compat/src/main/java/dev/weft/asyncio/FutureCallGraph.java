package dev.weft.asyncio;

import java.util.List;

/**
 * CPython 3.14's {@code asyncio.FutureCallGraph}, from {@link Asyncio#captureCallGraph}: a future,
 * its call stack (innermost first: a task's logical stack where it waits, or where
 * {@code captureCallGraph} was called for the current task; empty for a plain future), and the
 * graphs of the futures awaiting it (tasks awaiting it, a gather of it, the parent task of the
 * TaskGroup it belongs to, a shield over it), each up to its root.
 */
public record FutureCallGraph(Future<?> future, List<StackTraceElement> callStack, List<FutureCallGraph> awaitedBy) {
  public FutureCallGraph {
    callStack = List.copyOf(callStack);
    awaitedBy = List.copyOf(awaitedBy);
  }
}

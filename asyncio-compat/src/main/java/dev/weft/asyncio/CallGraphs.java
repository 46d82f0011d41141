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
 * CPython 3.14's {@code asyncio.graph.capture_call_graph}: a future, its stack, and who awaits it,
 * up to the roots. Awaited-by is read from the futures' callbacks (see {@link AwaitLink}), so
 * nothing is recorded at an await; a capture walks the graph once. Loop thread.
 */
final class CallGraphs {
  private CallGraphs() {}

  static FutureCallGraph capture(Future<?> future) {
    EventLoop loop = Current.runningLoop();
    if (future != null) {
      if (loop == null || future != loop.currentTask()) return build(future, newPath());
    } else {
      if (loop == null) {
        throw new IllegalStateException(
            "captureCallGraph() is called outside of a running event loop and no future to introspect was provided");
      }
      future = loop.currentTask();
      if (future == null) return null; // a plain callback: not a call stack introspection utility
    }
    // The current task: its running stack, from the caller of captureCallGraph down to the task's body.
    // Through any generator or greenlet running inside the task, down to the task's body.
    Resumable body = Current.onThread().body();
    List<StackTraceElement> stack = new ArrayList<>(body != null ? body.bodyRunningStack() : Runner.runningStack());
    stack.removeIf(e -> e.getClassName().equals(CallGraphs.class.getName()));
    Set<Future<?>> path = newPath();
    path.add(future);
    return new FutureCallGraph(future, stack, awaitedBy(future, path));
  }

  private static Set<Future<?>> newPath() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  private static FutureCallGraph build(Future<?> future, Set<Future<?>> path) {
    List<StackTraceElement> stack = future instanceof Task ? ((Task<?>) future).getStack() : List.of();
    path.add(future);
    List<FutureCallGraph> by = awaitedBy(future, path);
    path.remove(future);
    return new FutureCallGraph(future, stack, by);
  }

  private static List<FutureCallGraph> awaitedBy(Future<?> future, Set<Future<?>> path) {
    List<Future<?>> parents = future.awaitedBy();
    if (parents.isEmpty()) return List.of();
    List<FutureCallGraph> out = new ArrayList<>(parents.size());
    for (Future<?> p : parents) {
      if (!path.contains(p)) out.add(build(p, path)); // a cycle would be a bug elsewhere: never loop on it
    }
    return out;
  }

  /** CPython's {@code format_call_graph}: "* Task(name=..., id=...)", its call stack, then who awaits it, indented. */
  static String format(FutureCallGraph graph) {
    if (graph == null) return "";
    List<String> buf = new ArrayList<>();
    render(graph, buf, 0);
    return String.join("\n", buf);
  }

  private static void render(FutureCallGraph g, List<String> buf, int level) {
    String indent = "    ".repeat(level);
    buf.add(indent + describe(g.future()));
    if (!g.callStack().isEmpty()) {
      buf.add(indent + "+ Call stack:");
      for (StackTraceElement e : g.callStack()) buf.add(indent + "|   at " + e);
    }
    if (!g.awaitedBy().isEmpty()) {
      buf.add(indent + "+ Awaited by:");
      for (FutureCallGraph p : g.awaitedBy()) render(p, buf, level + 1);
    }
  }

  /** "* Task(name='x', id=0x1f)" or "* Future(id=0x2a)", as CPython (the id is the identity hash). */
  static String describe(Future<?> f) {
    String id = "0x" + Integer.toHexString(System.identityHashCode(f));
    if (f instanceof Task) return "* Task(name='" + ((Task<?>) f).getName() + "', id=" + id + ")";
    return "* Future(id=" + id + ")";
  }
}

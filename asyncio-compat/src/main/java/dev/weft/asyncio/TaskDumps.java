package dev.weft.asyncio;

import dev.weft.asyncio.internal.task.Current;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * CPython 3.14's {@code python -m asyncio ps}: every live task of every loop in the JVM, with its
 * state, name, what it awaits and its stack. Loops are tracked weakly (a loop nobody holds is
 * collected as before). A loop running on another thread is read on its own thread, through
 * {@code callSoonThreadsafe}; one too busy to answer in time is said to be.
 */
final class TaskDumps {
  /** Frames shown per task: a dump of 10,000 deep tasks stays readable and bounded. */
  static final int MAX_FRAMES = 16;
  private static final long WAIT_MILLIS = 2000;
  private static final Map<EventLoop, Boolean> LOOPS = Collections.synchronizedMap(new WeakHashMap<>());

  private TaskDumps() {}

  static void track(EventLoop loop) {
    LOOPS.put(loop, Boolean.TRUE);
  }

  static void untrack(EventLoop loop) {
    LOOPS.remove(loop);
  }

  static List<EventLoop> loops() {
    synchronized (LOOPS) {
      return new ArrayList<>(LOOPS.keySet());
    }
  }

  /** Every tracked loop that is not closed, each as {@link #dump(EventLoop)}. */
  static String dumpAll() {
    StringBuilder b = new StringBuilder();
    List<EventLoop> loops = loops();
    loops.sort((x, y) -> Integer.compare(x.id, y.id));
    for (EventLoop loop : loops) {
      if (!loop.isClosed()) b.append(dump(loop));
    }
    return b.toString();
  }

  /** One loop's tasks; read on the loop's thread when it runs elsewhere. */
  static String dump(EventLoop loop) {
    if (!loop.isRunning() || Current.runningLoop() == loop) return dumpHere(loop);
    CompletableFuture<String> answer = new CompletableFuture<>();
    try {
      loop.callSoonThreadsafe(() -> answer.complete(dumpHere(loop)));
      return answer.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      return "EventLoop " + loop.name() + ": busy, no answer within " + WAIT_MILLIS + " ms\n";
    } catch (Exception e) { // closed or stopped meanwhile: nothing left to show
      return loop.isRunning() ? "EventLoop " + loop.name() + ": " + e + "\n" : dumpHere(loop);
    }
  }

  private static String dumpHere(EventLoop loop) {
    List<Task<?>> tasks = loop.tasks.pending();
    Task<?> current = loop.tasks.current().task();
    StringBuilder b = new StringBuilder();
    b.append("EventLoop ").append(loop.name()).append(": ").append(loop.isRunning() ? "running" : "not running")
        .append(", ").append(tasks.size()).append(tasks.size() == 1 ? " task" : " tasks").append(", ")
        .append(loop.readyCount()).append(" ready\n");
    for (Task<?> t : tasks) {
      b.append("  ").append(CallGraphs.describe(t).substring(2)).append(' ')
          .append(t == current ? "running" : t.suspendedBody() ? "suspended" : "scheduled");
      Future<?> waiting = t.awaiting();
      if (waiting != null) b.append(", awaiting ").append(CallGraphs.describe(waiting).substring(2));
      double until = t.sleepingUntil();
      if (!Double.isNaN(until)) b.append(", sleeping until loop time ").append(until);
      b.append('\n');
      List<StackTraceElement> stack = t == current ? List.of() : t.getStack();
      int shown = Math.min(stack.size(), MAX_FRAMES);
      for (int i = 0; i < shown; i++) b.append("      at ").append(stack.get(i)).append('\n');
      if (stack.size() > shown) b.append("      ... ").append(stack.size() - shown).append(" more\n");
    }
    return b.toString();
  }
}

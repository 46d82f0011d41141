package dev.weft.asyncio;

import dev.weft.asyncio.internal.task.Current;
import dev.weft.asyncio.internal.task.Resumable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One loop's side of tasks.py's registry: the tasks that are not done ({@code _register_task},
 * strongly held here, SEMANTICS AF10) and the one whose step runs ({@code _enter_task} /
 * {@code _leave_task}). Loop thread only.
 */
final class LoopTasks {
  private final LiveTasks live = new LiveTasks();
  private final Current current;
  private final EventLoop loop;
  /* loop.set_task_factory's; null: new Task. */
  TaskFactory factory;

  LoopTasks(EventLoop loop) {
    this.current = new Current(loop);
    this.loop = loop;
  }

  /** A task of the loop, made by the task factory if one is set. */
  <T> Task<T> make(Coroutine<T> coro, String name, dev.weft.continuations.Context context) {
    TaskFactory f = factory;
    if (f == null) return new Task<>(coro, loop, name, context);
    return java.util.Objects.requireNonNull(f.createTask(loop, coro, name, context), "the task factory returned null");
  }

  void created(Task<?> t) {
    live.add(t);
  }

  void done(Task<?> t) {
    live.remove(t);
  }

  /** How many tasks are not done (racy from other threads: for the loop's MBean). */
  int size() {
    return live.size();
  }

  /** A copy of the tasks not done, in creation order. */
  List<Task<?>> pending() {
    return live.snapshot();
  }

  /** {@link #pending()} as a set, for {@code asyncio.all_tasks}. */
  Set<Task<?>> pendingSet() {
    return new LinkedHashSet<>(live.snapshot());
  }

  void clear() {
    live.clear();
  }

  /** At the loop's close: each task still pending is reported ("Task was destroyed but it is pending!"), then dropped. */
  void reportPendingAndClear(java.util.function.Consumer<java.util.Map<String, Object>> handler) {
    for (Task<?> t : live.snapshot()) {
      java.util.Map<String, Object> context = new java.util.HashMap<>();
      context.put("message", "Task was destroyed but it is pending!");
      context.put("task", t);
      handler.accept(context);
    }
    live.clear();
  }

  /** The loop's current task and its body, for the task steps and the await protocol. */
  Current current() {
    return current;
  }

  void enter(Task<?> t, Resumable body) {
    if (current.body() != null) {
      Task<?> now = current.task();
      throw new IllegalStateException("Cannot enter into task " + t + " while another task " + now + " is being executed.");
    }
    current.set(body);
  }

  void leave(Task<?> t) {
    Task<?> now = current.task();
    if (now != t) {
      throw new IllegalStateException("Leaving task " + t + " does not match the current task " + now + ".");
    }
    current.set(null);
  }
}

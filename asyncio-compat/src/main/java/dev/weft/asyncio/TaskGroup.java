package dev.weft.asyncio;

import dev.weft.asyncio.internal.task.Sneaky;
import dev.weft.continuations.Suspend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Python's {@code asyncio.TaskGroup} ({@code async with TaskGroup() as tg}): tasks created in the
 * group are all finished when the block is left; the first failure cancels the others and the
 * block, and the failures come out together as an {@link ExceptionGroup}.
 *
 * <pre>{@code
 * int total = Asyncio.await(TaskGroup.run(tg -> {
 *   Task<Integer> a = tg.createTask(Asyncio.sleep(0.1, 1));
 *   Task<Integer> b = tg.createTask(Asyncio.sleep(0.2, 2));
 *   return 0;
 * }));                                    // returns once a and b are done
 * }</pre>
 *
 * <p><b>Compared with Python:</b> the block is a lambda, because leaving it may replace the
 * exception (docs/semantics.md, "async with"). {@link #createTask} on a group that cannot take tasks closes
 * the coroutine it was given.
 */
public final class TaskGroup {
  /** The block of the group. */
  @FunctionalInterface
  public interface Body<T> {
    /** Runs with the group; may create tasks in it and await. */
    T run(TaskGroup tg) throws Suspend;
  }

  private boolean entered;
  private boolean exiting;
  private boolean aborting;
  private EventLoop loop;
  private Task<?> parentTask;
  private boolean parentCancelRequested;
  private final Set<Task<?>> tasks = new LinkedHashSet<>();
  private final List<Throwable> errors = new ArrayList<>();
  private Throwable baseError;
  private Future<Boolean> onCompletedFut;
  private final Consumer<Future<Object>> onTaskDone = new OnTaskDone();

  /* A child's done callback; the parent task awaits the children, as CPython's future_add_to_awaited_by. */
  private final class OnTaskDone implements Consumer<Future<Object>>, AwaitLink {
    @Override
    public void accept(Future<Object> task) {
      onTaskDone(task);
    }

    @Override
    public Future<?> awaiter() {
      return parentTask;
    }
  }

  private TaskGroup() {}

  /**
   * A coroutine that runs {@code body} in a new group and, when the body is done, waits for every
   * task of the group. Returns the body's value.
   *
   * @throws ExceptionGroup (when awaited) holding the children's failures and the body's own, in
   *     the order they happened; never their {@link CancelledError}s
   * @throws CancelledError (when awaited) if the awaiting task was cancelled from outside and
   *     nothing failed
   */
  public static <T> Coroutine<T> run(Body<T> body) {
    return Asyncio.async(() -> {
      TaskGroup tg = new TaskGroup();
      tg.enter();
      T result = null;
      Throwable failure = null;
      try {
        result = body.run(tg);
      } catch (Throwable t) { // exit decides what leaves the block; it rethrows what it does not replace
        failure = t;
      }
      tg.exit(failure);
      if (failure != null) throw Sneaky.rethrow(failure);
      return result;
    });
  }

  /** Creates a task in the group; see {@link #createTask(Coroutine, String)}. */
  public <T> Task<T> createTask(Coroutine<T> coro) {
    return createTask(coro, null);
  }

  /**
   * Creates a task in the group, named {@code name} (null: the default name).
   *
   * @throws IllegalStateException (the coroutine is closed) if the group has not been entered, is
   *     finished, or is shutting down after a failure
   */
  public <T> Task<T> createTask(Coroutine<T> coro, String name) {
    if (!entered) {
      coro.close();
      throw new IllegalStateException("TaskGroup " + this + " has not been entered");
    }
    if (exiting && tasks.isEmpty()) {
      coro.close();
      throw new IllegalStateException("TaskGroup " + this + " is finished");
    }
    if (aborting) {
      coro.close();
      throw new IllegalStateException("TaskGroup " + this + " is shutting down");
    }
    Task<T> task = loop.createTask(coro, name);
    tasks.add(task);
    @SuppressWarnings("unchecked")
    Future<Object> f = (Future<Object>) (Future<?>) task;
    f.addCallback(onTaskDone);
    return task;
  }

  private void enter() {
    if (entered) throw new IllegalStateException("TaskGroup " + this + " has already been entered");
    loop = Asyncio.getRunningLoop();
    parentTask = loop.currentTask();
    if (parentTask == null) throw new IllegalStateException("TaskGroup " + this + " cannot determine the parent task");
    entered = true;
  }

  private void exit(Throwable exc) throws Suspend {
    exiting = true;
    if (exc instanceof VirtualMachineError && baseError == null) baseError = exc;
    Throwable propagateCancellation = exc instanceof CancelledError ? exc : null;
    if (exc != null && !aborting) abort();
    // A loop: the wait may be cancelled again and again while children finish.
    while (!tasks.isEmpty()) {
      if (onCompletedFut == null) onCompletedFut = loop.createFuture();
      try {
        Asyncio.await(onCompletedFut);
      } catch (CancelledError e) {
        if (!aborting) {
          propagateCancellation = e;
          abort();
        }
      }
      onCompletedFut = null;
    }
    if (baseError != null) throw Sneaky.rethrow(baseError);
    // Only after the wait, as CPython 3.13: a child failing while we wait cancels the parent
    // then, and that request is ours to take back too.
    if (parentCancelRequested && parentTask.uncancel() == 0) propagateCancellation = null;
    // Ordinary errors take precedence over a cancellation.
    if (propagateCancellation != null && errors.isEmpty()) throw Sneaky.rethrow(propagateCancellation);
    if (exc != null && !(exc instanceof CancelledError)) errors.add(exc);
    if (!errors.isEmpty()) {
      // An outside cancel that the errors outrank is not dropped: it is requested again, so the
      // parent's next await raises it, and the count stays as the canceller left it (3.13).
      if (parentTask.cancelling() > 0) {
        parentTask.uncancel();
        parentTask.cancel();
      }
      throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
    }
  }

  private void abort() {
    aborting = true;
    for (Task<?> t : tasks) {
      if (!t.done()) t.cancel();
    }
  }

  private void onTaskDone(Future<Object> task) {
    tasks.remove(task);
    if (onCompletedFut != null && tasks.isEmpty() && !onCompletedFut.done()) onCompletedFut.setResult(true);
    if (task.cancelled()) return;
    Throwable exc = task.exception();
    if (exc == null) return;
    errors.add(exc);
    if (exc instanceof VirtualMachineError && baseError == null) baseError = exc;
    if (parentTask.done()) {
      Map<String, Object> context = new HashMap<>();
      context.put("message", "Task " + task + " has errored out but its parent task " + parentTask + " is already completed");
      context.put("exception", exc);
      context.put("task", task);
      loop.callExceptionHandler(context);
      return;
    }
    if (!aborting && !parentCancelRequested) {
      // Cancel the body (the parent task) so it stops at its await; exit() takes the request back.
      abort();
      parentCancelRequested = true;
      parentTask.cancel();
    }
  }

  @Override
  public String toString() {
    return "TaskGroup[" + (entered ? "entered" : "new") + (aborting ? " aborting" : "") + " tasks=" + tasks.size() + "]";
  }
}

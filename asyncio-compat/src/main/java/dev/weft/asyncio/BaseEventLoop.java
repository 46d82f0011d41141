package dev.weft.asyncio;

import dev.weft.asyncio.internal.loop.DefaultExecutor;
import dev.weft.asyncio.internal.loop.Scheduler;
import dev.weft.continuations.Context;
import dev.weft.continuations.internal.ThreadBindings;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The futures and tasks part of CPython's {@code base_events.BaseEventLoop}: {@code create_future},
 * {@code run_in_executor}, {@code create_task} and the task factory. Like
 * {@link BaseSelectorEventLoop}, it is a superclass of {@link EventLoop} only so that the loop's
 * public surface can live in files of one concern each; users see these methods on
 * {@code EventLoop}.
 */
abstract class BaseEventLoop {
  /* Its tasks: those not done, strongly held (SEMANTICS AF10), the one whose step runs, the factory. */
  final LoopTasks tasks = new LoopTasks((EventLoop) this);
  /* The async generators first iterated here, for shutdown_asyncgens and their finalizer. */
  final AsyncGenHooks asyncgens = new AsyncGenHooks((EventLoop) this);

  BaseEventLoop() {}

  /* The only subclass is EventLoop: its scheduler and checks serve these methods. */
  private EventLoop loop() {
    return (EventLoop) this;
  }

  // ---- futures -----------------------------------------------------------------------------

  /** A pending {@link Future} bound to this loop. */
  public <T> Future<T> createFuture() {
    return new Future<>(loop());
  }

  /**
   * Runs {@code fn} on {@code executor} (the loop's default executor when null) and returns a
   * future of this loop that receives its outcome. As in CPython, {@code fn} does not see the
   * caller's context variables (use {@link Asyncio#toThread}); thread-local state bound to them
   * ({@code ContextVar.bindToThread}, an MDC) is carried in. Cancelling the future does not interrupt
   * {@code fn}. Loop thread only.
   *
   * @throws IllegalStateException if the loop is closed ("Event loop is closed")
   */
  public <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
    EventLoop loop = loop();
    loop.checkClosed();
    Objects.requireNonNull(fn, "fn");
    Executor ex = executor != null ? executor : loop.defaultExecutor();
    CompletableFuture<T> cf = new CompletableFuture<>();
    Future<T> f = Future.wrap(cf, loop);
    Scheduler scheduler = loop.scheduler();
    scheduler.executorJobStarted();
    f.addCallback(done -> scheduler.executorJobDone(), null);
    // thread-local state bound to context variables (an MDC) goes with the job; the variables
    // themselves do not, as in CPython
    ThreadBindings.Carried carried = ThreadBindings.capture();
    DefaultExecutor.execute(ex, () -> {
      carried.enter();
      try {
        return fn.call();
      } finally {
        carried.exit();
      }
    }, cf);
    return f;
  }

  // ---- tasks --------------------------------------------------------------------------------

  /**
   * Wraps {@code coro} in a task whose first step is scheduled with {@link EventLoop#callSoon}: nothing of
   * the body runs before this returns. The name is {@code "Task-<n>"}. Loop thread only.
   *
   * @throws IllegalStateException if the loop is closed ("Event loop is closed"; the coroutine is
   *     closed), or the coroutine was awaited already
   */
  public <T> Task<T> createTask(Coroutine<T> coro) {
    return createTask(coro, null);
  }

  /** As {@link #createTask(Coroutine)}, with the task's name ({@code null}: the default name). */
  public <T> Task<T> createTask(Coroutine<T> coro, String name) {
    return createTask(coro, name, null);
  }

  /**
   * As {@link #createTask(Coroutine, String)}, running the task in {@code context} (null: a copy
   * of the current context). The task factory, when one is set, makes the task.
   *
   * @throws NullPointerException if the task factory returns null
   */
  public <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
    checkCreateTask(coro);
    return tasks.make(coro, name, context != null ? context : Context.copyCurrent());
  }

  /**
   * CPython 3.14's {@code create_task(coro, name=, context=, eager_start=)}: with
   * {@code eagerStart}, called on the loop's running thread, the body runs at once, before this
   * returns, until its first suspension on a pending future (if it never suspends, the task is
   * done on return); otherwise as {@link #createTask(Coroutine)}. The task factory is not used.
   */
  public <T> Task<T> createTask(Coroutine<T> coro, String name, Context context, boolean eagerStart) {
    checkCreateTask(coro);
    return new Task<>(coro, loop(), name, context != null ? context : Context.copyCurrent(), eagerStart);
  }

  private void checkCreateTask(Coroutine<?> coro) {
    Objects.requireNonNull(coro, "coro");
    EventLoop loop = loop();
    if (loop.isClosed()) {
      coro.close();
      loop.checkClosed();
    }
    if (loop.threadChecks) loop.checkThread();
  }

  /**
   * Python's {@code loop.set_task_factory}: {@code factory} makes every task
   * {@link #createTask(Coroutine, String, Context)} makes from now on; null restores the default
   * ({@code new Task}). {@link Asyncio#eagerTaskFactory} makes eager tasks.
   */
  public void setTaskFactory(TaskFactory factory) {
    tasks.factory = factory;
  }

  /** Python's {@code loop.get_task_factory()}: the factory set, or null for the default. */
  public TaskFactory getTaskFactory() {
    return tasks.factory;
  }

  /**
   * Python's {@code loop.shutdown_asyncgens()}: a coroutine that closes, concurrently, every
   * {@link AsyncGenerator} first iterated on this loop and not yet collected; a failure to close
   * one goes to the exception handler ({@code "an error occurred during closing of asynchronous
   * generator ..."}, key {@code asyncgen}). {@link Asyncio#run} and {@link Runner#close()} await it.
   */
  public Coroutine<Void> shutdownAsyncgens() {
    return asyncgens.shutdown();
  }
}

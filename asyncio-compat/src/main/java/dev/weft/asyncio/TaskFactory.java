package dev.weft.asyncio;

import dev.weft.continuations.Context;

/**
 * Python's task factory ({@code loop.set_task_factory(factory)}): what {@link EventLoop#createTask}
 * (and so {@link Asyncio#createTask}, {@link TaskGroup}) calls to make each task. The method is
 * generic, so a factory is a method reference or a class, not a lambda.
 *
 * <pre>{@code
 * // Python 3.12:  loop.set_task_factory(asyncio.eager_task_factory)
 * loop.setTaskFactory(Asyncio::eagerTaskFactory);
 * }</pre>
 */
@FunctionalInterface
public interface TaskFactory {
  /**
   * Makes the task that runs {@code coro} on {@code loop}, named {@code name} (null: the default
   * name), in {@code context} (never null here: the loop passes a copy of the current context when
   * the caller gave none). It must not return null.
   */
  <T> Task<T> createTask(EventLoop loop, Coroutine<T> coro, String name, Context context);
}

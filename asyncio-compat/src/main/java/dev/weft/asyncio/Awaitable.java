package dev.weft.asyncio;

/**
 * Something {@link Asyncio#await} accepts: a {@link Future} (and so a {@link Task}) or a
 * {@link Coroutine}. Python's awaitables, without {@code __await__}.
 *
 * <pre>{@code
 * Awaitable<String> aw = Asyncio.sleep(1, "done");
 * String s = Asyncio.await(aw);          // inside a task or a suspendable method
 * }</pre>
 */
public interface Awaitable<T> {}

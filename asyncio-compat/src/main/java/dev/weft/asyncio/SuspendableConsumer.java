package dev.weft.asyncio;

import dev.weft.continuations.Suspend;

/**
 * The body of an {@code async for} ({@link Asyncio#forEach}): receives each value and may await.
 *
 * <pre>{@code
 * SuspendableConsumer<String> save = line -> Asyncio.await(db.insert(line));
 * }</pre>
 */
@FunctionalInterface
public interface SuspendableConsumer<T> {
  /** Handles one value; may suspend (await), and resumes when what it awaits is done. */
  void accept(T value) throws Suspend;
}

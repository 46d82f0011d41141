package dev.weft.asyncio;

/**
 * When {@link Asyncio#wait} returns: Python's {@code FIRST_COMPLETED}, {@code FIRST_EXCEPTION}
 * and {@code ALL_COMPLETED}.
 *
 * <pre>{@code
 * Asyncio.await(Asyncio.wait(tasks, null, ReturnWhen.FIRST_EXCEPTION));
 * }</pre>
 */
public enum ReturnWhen {
  /** As soon as any future is done or cancelled. */
  FIRST_COMPLETED,
  /** As soon as any future fails; as {@link #ALL_COMPLETED} if none does. */
  FIRST_EXCEPTION,
  /** When every future is done or cancelled. */
  ALL_COMPLETED
}

package dev.weft.asyncio;

import dev.weft.continuations.Suspend;

/**
 * Python's asynchronous context manager ({@code __aenter__}/{@code __aexit__}, PEP 492), entered
 * with {@link Asyncio#asyncWith}: Java's try-with-resources cannot await, nor let {@code aexit}
 * suppress the exception, so the block is a lambda, as in {@link Lock#withLock}.
 *
 * <pre>{@code
 * // Python:  async with pool.connection() as conn: await conn.execute(sql)
 * AsyncContextManager<Conn> cm = pool.connection();
 * Asyncio.await(Asyncio.asyncWith(cm, conn -> Asyncio.await(conn.execute(sql))));
 * }</pre>
 */
public interface AsyncContextManager<R> {
  /** Python's {@code __aenter__()}: an awaitable of the value the block receives. */
  Awaitable<R> aenter();

  /**
   * Python's {@code __aexit__}: an awaitable run when the block ends, with what it threw
   * ({@code null} when it returned); true suppresses that exception.
   */
  Awaitable<Boolean> aexit(Throwable exc);

  /** The block of an {@code async with}: receives {@link #aenter()}'s value and may await. */
  @FunctionalInterface
  interface Body<R, T> {
    T run(R value) throws Suspend;
  }
}

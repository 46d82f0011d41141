package dev.weft.asyncio;

/**
 * Python's asynchronous iterable ({@code __aiter__}, PEP 492): what {@code async for} iterates,
 * here {@link Asyncio#forEach}. Each {@link #aiter()} may start a new iteration or, for an
 * iterator, return itself.
 *
 * <pre>{@code
 * // Python:  class Ticks:
 * //              def __aiter__(self): return ticker(3)   # an async generator
 * AsyncIterable<Integer> ticks = () -> AsyncGenerator.of(y -> {
 *   for (int i = 0; i < 3; i++) { Asyncio.await(Asyncio.sleep(1)); y.yield(i); }
 * });
 * // in a task:  Asyncio.await(Asyncio.forEach(ticks, i -> System.out.println(i)));  // 0, 1, 2
 * }</pre>
 */
@FunctionalInterface
public interface AsyncIterable<T> {
  /** Python's {@code __aiter__()}: the iterator that {@code async for} awaits {@code anext()} of. */
  AsyncIterator<T> aiter();
}

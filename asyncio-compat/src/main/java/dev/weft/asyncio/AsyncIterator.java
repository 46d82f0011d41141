package dev.weft.asyncio;

/**
 * Python's asynchronous iterator ({@code __anext__}, PEP 492): each {@link #anext()} is an
 * awaitable of the next value, and at the end it throws {@link StopAsyncIteration} when awaited.
 * As in Python, an iterator is also iterable, over itself. {@link AsyncGenerator} is one;
 * {@link Asyncio#forEach} is {@code async for}.
 *
 * <pre>{@code
 * // Python:  class Countdown:
 * //              def __init__(self, n): self.n = n
 * //              def __aiter__(self): return self
 * //              async def __anext__(self):
 * //                  if self.n == 0: raise StopAsyncIteration
 * //                  await asyncio.sleep(0); self.n -= 1; return self.n
 * final class Countdown implements AsyncIterator<Integer> {
 *   private int n;
 *   Countdown(int n) { this.n = n; }
 *   public Coroutine<Integer> anext() {
 *     return Asyncio.async(() -> {
 *       if (n == 0) throw new StopAsyncIteration();
 *       Asyncio.await(Asyncio.sleep(0));
 *       return --n;
 *     });
 *   }
 * }
 * // in a task:  Asyncio.await(Asyncio.forEach(new Countdown(3), i -> System.out.println(i)));  // 2, 1, 0
 * }</pre>
 */
@FunctionalInterface
public interface AsyncIterator<T> extends AsyncIterable<T> {
  /** Python's {@code __anext__()}: an awaitable of the next value; awaiting it at the end throws {@link StopAsyncIteration}. */
  Awaitable<T> anext();

  /** Python's {@code __aiter__()} of an iterator: itself. */
  @Override
  default AsyncIterator<T> aiter() {
    return this;
  }
}

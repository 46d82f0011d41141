package dev.weft.examples.asyncio;

import dev.weft.asyncio.AsyncGenerator;
import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Runner;

/**
 * {@code async for} over an async generator, twice on one {@link Runner}; the generator left
 * unfinished by the second run is closed when the runner closes, its {@code finally} awaiting.
 * Prints "tick 0", "tick 1", "tick 2", "closing ticker" (the first generator ran to its end),
 * "first: 0", "closing ticker" (the second, closed by the runner), "runner closed".
 *
 * <pre>
 * async def ticker(n):
 *     try:
 *         for i in range(n): await asyncio.sleep(0.01); yield i
 *     finally:
 *         await asyncio.sleep(0); print("closing ticker")
 * with asyncio.Runner() as runner:
 *     async def all_ticks():
 *         async for i in ticker(3): print("tick", i)
 *     runner.run(all_ticks())
 *     agen = ticker(3)
 *     async def first(): return await agen.__anext__()
 *     print("first:", runner.run(first()))
 * print("runner closed")
 * </pre>
 */
public final class AsyncFor {
  private AsyncFor() {}

  static AsyncGenerator<Integer, Object> ticker(int n) {
    return AsyncGenerator.of(y -> {
      try {
        for (int i = 0; i < n; i++) {
          Asyncio.await(Asyncio.sleep(0.01));
          y.yield(i);
        }
      } finally {
        Asyncio.await(Asyncio.sleep(0));
        System.out.println("closing ticker");
      }
    });
  }

  public static void main(String[] args) {
    AsyncGenerator<Integer, Object> agen = ticker(3);
    try (Runner runner = new Runner()) {
      runner.run(Asyncio.forEach(ticker(3), i -> System.out.println("tick " + i)));
      System.out.println("first: " + runner.run(() -> Asyncio.await(agen.anext()))); // anext made on the loop: tracked
    }
    System.out.println("runner closed");
  }
}

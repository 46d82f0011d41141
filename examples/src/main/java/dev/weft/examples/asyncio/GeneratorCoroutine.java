package dev.weft.examples.asyncio;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Future;
import dev.weft.generators.Generator;

/**
 * A generator-based coroutine ({@code @asyncio.coroutine} with {@code yield from}): the generator
 * yields futures and receives their results. Prints "got 1 and 2".
 */
public final class GeneratorCoroutine {
  private GeneratorCoroutine() {}

  public static void main(String[] args) {
    String r = Asyncio.run(() -> {
      Generator<Object, Object, String> gen = Generator.create(y -> {
        Object a = y.yield(Asyncio.ensureFuture(Asyncio.sleep(0.01, 1)));
        Future<Integer> later = Asyncio.getRunningLoop().createFuture();
        Asyncio.getRunningLoop().callLater(0.01, () -> later.setResult(2));
        Object b = y.yield(later);
        return "got " + a + " and " + b;
      });
      return Asyncio.await(Asyncio.fromGenerator(gen));
    });
    System.out.println(r);
  }
}

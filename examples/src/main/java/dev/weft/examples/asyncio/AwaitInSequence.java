package dev.weft.examples.asyncio;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Coroutine;

/**
 * Awaiting a coroutine runs it inline, so awaiting {@code others()} twice runs the two calls one
 * after the other: start, end, start, end, then both results.
 */
public final class AwaitInSequence {
  private AwaitInSequence() {}

  static Coroutine<String> others() {
    return Asyncio.async(() -> {
      System.out.println("start");
      Asyncio.await(Asyncio.sleep(0.05));
      System.out.println("end");
      return "others";
    });
  }

  public static void main(String[] args) {
    Asyncio.run(() -> {
      String x = Asyncio.await(others());
      String y = Asyncio.await(others());
      System.out.println(x + " " + y);
      return null;
    });
  }
}

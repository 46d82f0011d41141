package dev.weft.examples.asyncio;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Coroutine;

/**
 * asyncio's first example: calling {@code main()} makes a coroutine object and runs nothing; only
 * {@code Asyncio.run} runs it. Prints "coroutine made, nothing printed yet", "hello", "world".
 */
public final class HelloWorld {
  private HelloWorld() {}

  static Coroutine<Void> main() {
    return Asyncio.async(() -> {
      System.out.println("hello");
      Asyncio.await(Asyncio.sleep(0.05));
      System.out.println("world");
      return null;
    });
  }

  public static void main(String[] args) {
    Coroutine<Void> coro = main();
    System.out.println("coroutine made, nothing printed yet");
    Asyncio.run(coro);
  }
}

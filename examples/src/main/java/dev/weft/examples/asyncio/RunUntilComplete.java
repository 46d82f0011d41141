package dev.weft.examples.asyncio;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.EventLoop;

/**
 * The style before {@code asyncio.run}: get the thread's loop, run a coroutine to completion on
 * it, close it. Prints "result: 42".
 */
public final class RunUntilComplete {
  private RunUntilComplete() {}

  public static void main(String[] args) {
    EventLoop loop = Asyncio.getEventLoop();
    try {
      int result = loop.runUntilComplete(Asyncio.async(() -> {
        Asyncio.await(Asyncio.sleep(0.01));
        return 42;
      }));
      System.out.println("result: " + result);
    } finally {
      loop.close();
      Asyncio.setEventLoop(null);
    }
  }
}

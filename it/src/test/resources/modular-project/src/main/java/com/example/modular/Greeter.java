package com.example.modular;

import dev.weft.asyncio.Asyncio;
import dev.weft.continuations.Suspend;

/** An async def of the application, in its named module. */
public final class Greeter {
  private Greeter() {}

  public static String greet(double delay, String who) throws Suspend {
    Asyncio.await(Asyncio.sleep(delay));
    return "hello " + who;
  }

  /** Package-private: what a test in the same package may call. */
  static String secret() {
    return "package-private";
  }
}

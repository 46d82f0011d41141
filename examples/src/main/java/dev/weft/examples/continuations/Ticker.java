package dev.weft.examples.continuations;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.Suspend;

/**
 * The smallest continuation: a body that suspends in the middle of a loop, three calls deep, and
 * is resumed from plain code. Prints {@code tick 0}, {@code main}, {@code tick 1}, {@code main},
 * {@code tick 2}, {@code done}.
 */
public final class Ticker {
  static final ContinuationScope TICKS = new ContinuationScope("ticks");

  private Ticker() {}

  static void tick(int i) throws Suspend {
    System.out.println("tick " + i);
    Continuation.suspend(TICKS); // returns when the continuation is run again
  }

  static void loop(int n) throws Suspend {
    for (int i = 0; i < n; i++) tick(i);
  }

  public static void main(String[] args) {
    Continuation k = new Continuation(TICKS, () -> loop(3));
    while (true) {
      k.run();
      if (k.isDone()) break;
      System.out.println("main");
    }
    System.out.println("done");
  }
}

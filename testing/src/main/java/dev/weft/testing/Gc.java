package dev.weft.testing;

import java.lang.ref.Reference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Forcing collections until the collector has done what a test waits for: cleared a reference,
 * or delivered a report (never-retrieved exceptions, never-awaited coroutines). The bound on the
 * rounds only turns a report that never comes into a failure; nothing here measures time.
 *
 * <pre>{@code
 * failAndDrop(marker);
 * assertTrue(Gc.untilReported(() -> !reports.isEmpty()), "no report after forcing collections");
 * }</pre>
 */
public final class Gc {
  /* Rounds before giving up, and the pause in each that lets the collector's threads run. */
  private static final int ROUNDS = 400;
  private static final long PAUSE_NANOS = 5_000_000;

  private Gc() {}

  /**
   * Collects, runs {@code eachRound} (such as an iteration of the loop that delivers reports) and
   * pauses, until {@code reported} holds. Returns whether it did: assert on it.
   */
  public static boolean untilReported(BooleanSupplier reported, Runnable eachRound) {
    for (int i = 0; i < ROUNDS && !reported.getAsBoolean(); i++) {
      System.gc();
      eachRound.run();
      if (!reported.getAsBoolean()) LockSupport.parkNanos(PAUSE_NANOS);
    }
    return reported.getAsBoolean();
  }

  /** {@link #untilReported(BooleanSupplier, Runnable)} with nothing to run between collections. */
  public static boolean untilReported(BooleanSupplier reported) {
    return untilReported(reported, () -> { });
  }

  /**
   * Collects until {@code ref} is cleared.
   *
   * @throws AssertionError if it is still set after forcing collections
   */
  public static void awaitCollected(Reference<?> ref) {
    if (!untilReported(() -> ref.refersTo(null))) throw new AssertionError("still reachable after forcing collections: " + ref.get());
  }

  /**
   * A few more collections and pauses, once what a test waited for has come: a report that should
   * not exist has had its chance to arrive when this returns.
   */
  public static void settle(Runnable eachRound) {
    for (int i = 0; i < 5; i++) {
      System.gc();
      eachRound.run();
      LockSupport.parkNanos(PAUSE_NANOS);
    }
  }

  /** {@link #settle(Runnable)} with nothing to run between collections. */
  public static void settle() {
    settle(() -> { });
  }
}

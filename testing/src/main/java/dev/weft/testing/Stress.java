package dev.weft.testing;

/**
 * The one stress multiplier, as kotlinx's {@code stressTestMultiplier}: {@code -Dweft.stress=N}
 * multiplies the iterations of race and soak tests (default 1).
 */
public final class Stress {
  /** The value of {@code weft.stress}, at least 1. */
  public static final int MULTIPLIER = Math.max(1, Integer.getInteger("weft.stress", 1));

  private Stress() {}

  /** {@code n} times the multiplier. */
  public static int scaled(int n) {
    return n * MULTIPLIER;
  }
}

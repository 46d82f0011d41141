package dev.weft.continuations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Objects;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Values of every kind (two-slot longs and doubles, small integral types, floats, references,
 * nulls) survive suspension at random depths, in locals and on the operand stack: the result of a
 * recursion that suspends where a random mask says equals that of the same recursion in plain Java.
 */
class FrameRoundTripProperties {
  static final ContinuationScope S = new ContinuationScope("props");

  static long withSuspends(int depth, long mask, long l, double d, int i, float f, String s, boolean z, char c, byte b, short sh)
      throws Suspend {
    long keepL = l * 31 + depth;
    double keepD = d / 3 + depth;
    String keepS = s == null ? null : s + depth;
    if ((mask >>> (depth & 63) & 1) != 0) Continuation.suspend(S);
    long below = depth == 0 ? 7 : withSuspends(depth - 1, mask, keepL, keepD, i ^ depth, f * 1.5f, keepS, !z, (char) (c + 1), (byte) (b - 1), (short) (sh * 3));
    if ((mask >>> ((depth + 7) & 63) & 1) != 0) Continuation.suspend(S);
    // Operands of a half-evaluated expression are live across this suspending call too.
    return keepL + (long) keepD + i + (long) f + Objects.hashCode(keepS) + (z ? 1 : 0) + c + b + sh
        + pauseIf(mask, depth, below) * 17;
  }

  static long pauseIf(long mask, int depth, long v) throws Suspend {
    if ((mask >>> ((depth + 13) & 63) & 1) != 0) Continuation.suspend(S);
    return v;
  }

  static long plain(int depth, long l, double d, int i, float f, String s, boolean z, char c, byte b, short sh) {
    long keepL = l * 31 + depth;
    double keepD = d / 3 + depth;
    String keepS = s == null ? null : s + depth;
    long below = depth == 0 ? 7 : plain(depth - 1, keepL, keepD, i ^ depth, f * 1.5f, keepS, !z, (char) (c + 1), (byte) (b - 1), (short) (sh * 3));
    return keepL + (long) keepD + i + (long) f + Objects.hashCode(keepS) + (z ? 1 : 0) + c + b + sh + below * 17;
  }

  @Property(tries = 200)
  void valuesSurviveSuspension(@ForAll @IntRange(min = 0, max = 120) int depth, @ForAll long mask, @ForAll long l,
      @ForAll double d, @ForAll int i, @ForAll float f, @ForAll boolean nullString, @ForAll boolean z, @ForAll char c,
      @ForAll byte b, @ForAll short sh) {
    String s = nullString ? null : "s" + i;
    long[] out = new long[1];
    Continuation k = new Continuation(S, () -> out[0] = withSuspends(depth, mask, l, d, i, f, s, z, c, b, sh));
    while (!k.isDone()) k.run();
    assertEquals(plain(depth, l, d, i, f, s, z, c, b, sh), out[0]);
  }
}

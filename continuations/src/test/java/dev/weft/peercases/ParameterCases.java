package dev.weft.peercases;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests with parameters, for {@code PeerSuiteTest}'s injected run of its own cases: each primitive
 * type, references (arrays, enums, a list), parameters JUnit resolves ({@link TestInfo},
 * {@link RepetitionInfo}), in package-private, protected and public methods. Each checks its
 * arguments after calls (so after suspensions when injected); one invocation fails on purpose, in
 * both runs. Not named {@code *Test}: it runs only in a {@code PeerSuite}; and in no package of
 * Weft's own runtime, which the instrumenter leaves alone.
 */
public class ParameterCases {
  @ParameterizedTest
  @CsvSource({"true, 7, -3, x, 100000, 5000000000, 1.5, 2.25", "false, -128, 32767, \u00e9, -1, -9, -0.5, 1e300"})
  void everyPrimitive(boolean z, byte b, short s, char c, int i, long j, float f, double d) {
    String all = String.valueOf(z) + ' ' + b + ' ' + s + ' ' + c + ' ' + i + ' ' + j + ' ' + f + ' ' + d;
    assertTrue(all.equals("true 7 -3 x 100000 5000000000 1.5 2.25") || all.equals("false -128 32767 \u00e9 -1 -9 -0.5 1.0E300"), all);
    assertEquals(String.valueOf(d), String.valueOf(Double.valueOf(d)));
    assertEquals(all, String.valueOf(z) + ' ' + b + ' ' + s + ' ' + c + ' ' + i + ' ' + j + ' ' + f + ' ' + d);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  protected void protectedIntIsSmall(int n) {
    assertTrue(Math.abs(n) < 4, "fails on purpose for 4 (in both runs): " + n);
  }

  @ParameterizedTest
  @EnumSource(TimeUnit.class)
  public void enumAndLong(TimeUnit unit) {
    assertEquals(unit, TimeUnit.valueOf(unit.name()));
    assertEquals(unit.toNanos(1), TimeUnit.NANOSECONDS.convert(1, unit));
  }

  static List<Object[]> arrays() {
    return List.of(new Object[] {new int[] {1, 2}, new String[] {"a"}, List.of("b", "c")},
        new Object[] {new int[0], new String[] {"x", "y"}, List.of()});
  }

  @ParameterizedTest
  @MethodSource("arrays")
  void arraysAndList(int[] numbers, String[] words, List<String> list) {
    int sum = 0;
    for (int n : numbers) sum += n;
    assertEquals(numbers.length == 2 ? 3 : 0, sum);
    assertArrayEquals(words, words.clone());
    assertEquals(list.size(), numbers.length);
  }

  @Test
  void testInfo(TestInfo info) {
    assertEquals("testInfo(TestInfo)", info.getDisplayName());
    assertTrue(info.getTestMethod().isPresent());
  }

  @RepeatedTest(3)
  void repeated(RepetitionInfo repetition, TestInfo info) {
    assertEquals(3, repetition.getTotalRepetitions());
    assertTrue(info.getDisplayName().contains(String.valueOf(repetition.getCurrentRepetition())), info.getDisplayName());
  }
}

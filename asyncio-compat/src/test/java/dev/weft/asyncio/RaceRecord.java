package dev.weft.asyncio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The bookkeeping shared by the race tests: a done callback that counts its runs, and the
 * violations found, kept so that a failure lists the first few instead of stopping at one.
 */
final class RaceRecord {
  final List<String> violations = new ArrayList<>();
  /* How the races went: each way is asserted to have happened often enough to mean something. */
  final Map<String, Integer> outcomes = new TreeMap<>();

  /** A done callback that counts how often it ran. */
  static final class Counting<T> implements Consumer<Future<T>> {
    int runs;

    @Override
    public void accept(Future<T> f) {
      runs++;
    }
  }

  void check(boolean condition, int iteration, String what) {
    if (!condition && violations.size() < 20) violations.add("iteration " + iteration + ": " + what);
  }

  void tally(String outcome) {
    outcomes.merge(outcome, 1, Integer::sum);
  }

  /**
   * Fails unless every outcome named happened at least {@code min} times, and no other did: a
   * race that never went one way proves nothing about that way.
   */
  void assertEachAtLeast(int min, String... expected) {
    List<String> problems = new ArrayList<>();
    for (String o : expected) {
      int n = outcomes.getOrDefault(o, 0);
      if (n < min) problems.add("'" + o + "' happened " + n + " times, fewer than " + min);
    }
    for (String o : outcomes.keySet()) {
      if (!List.of(expected).contains(o)) problems.add("unexpected outcome '" + o + "'");
    }
    if (!problems.isEmpty()) throw new AssertionError(problems + " in " + outcomes);
  }

  /** Spins until {@code condition} holds, giving the processor away: steers a race to one side. */
  static void spinUntil(BooleanSupplier condition) {
    while (!condition.getAsBoolean()) Thread.yield();
  }

  /** Blocks until {@code gate} opens; the other thread's half of a steered race. */
  static void pass(CountDownLatch gate) {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted at a race gate", e);
    }
  }

  /** Spins a few hundred nanoseconds or so, differently each iteration, to vary interleavings. */
  static void jitter(int iteration) {
    for (int i = (iteration * 7) % 23 * 20; i > 0; i--) Thread.onSpinWait();
  }
}

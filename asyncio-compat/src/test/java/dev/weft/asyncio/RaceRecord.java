package dev.weft.asyncio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The bookkeeping shared by the race tests: a done callback that counts its runs, and the
 * violations found, kept so that a failure lists the first few instead of stopping at one.
 */
final class RaceRecord {
  final List<String> violations = new ArrayList<>();
  /* How the races went, printed so that a run shows both sides won often enough to mean something. */
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

  /** Spins a few hundred nanoseconds or so, differently each iteration, to vary interleavings. */
  static void jitter(int iteration) {
    for (int i = (iteration * 7) % 23 * 20; i > 0; i--) Thread.onSpinWait();
  }
}

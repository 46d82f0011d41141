package dev.weft.bench.echo;

/**
 * What every system runs: connections, message size, and the {@link System#nanoTime()} window in
 * which round trips count (those started during the warm-up do not).
 */
record EchoPlan(int connections, int size, long measureStart, long end) {
  static EchoPlan starting(int connections, int size, double warmupSeconds, double measureSeconds) {
    long start = System.nanoTime() + (long) (warmupSeconds * 1e9);
    return new EchoPlan(connections, size, start, start + (long) (measureSeconds * 1e9));
  }

  boolean running(long now) {
    return now < end;
  }

  /** Records a round trip that started at {@code t0} and ended at {@code t1} if it falls in the window. */
  void record(Samples samples, long t0, long t1) {
    if (t0 >= measureStart && t1 <= end) samples.add(t1 - t0);
  }

  double measureSeconds() {
    return (end - measureStart) / 1e9;
  }
}

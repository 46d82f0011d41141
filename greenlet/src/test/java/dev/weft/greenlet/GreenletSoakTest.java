package dev.weft.greenlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Suspend;
import dev.weft.generators.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #9 soak: switches and generator values in the millions leave the heap where it was
 * (measured after collections, not assumed). {@code -Dweft.soak=10} multiplies the counts (10M).
 */
@Timeout(300)
class GreenletSoakTest {
  static final int SCALE = Integer.getInteger("weft.soak", 1);
  static final long ALLOWED_GROWTH = 2L << 20;

  @Test
  void millionsOfSwitches_heapStaysFlat() throws Suspend {
    Greenlet main = Greenlet.current();
    Greenlet partner = new Greenlet(args -> {
      Object v = null;
      for (;;) v = main.switchTo(v);
    });
    int n = 1_000_000 * SCALE;
    for (int i = 0; i < 10_000; i++) partner.switchTo(i); // warm up before the first measurement
    long before = usedAfterGc();
    long sum = 0;
    for (int i = 0; i < n; i++) sum += (Integer) partner.switchTo(i & 1023);
    long growth = usedAfterGc() - before;
    assertEquals((long) (n / 1024) * (1023L * 1024 / 2) + partial(n % 1024), sum);
    assertTrue(growth < ALLOWED_GROWTH, "heap grew by " + growth + " bytes over " + n + " switches");
  }

  @Test
  void millionsOfGeneratorValues_heapStaysFlat() {
    Generator<Integer, Object, Void> g = Generator.of(y -> {
      for (int i = 0; ; i++) y.yield(i & 1023);
    });
    int n = 1_000_000 * SCALE;
    for (int i = 0; i < 10_000; i++) g.next();
    long before = usedAfterGc();
    long sum = 0;
    for (int i = 0; i < n; i++) sum += g.next();
    long growth = usedAfterGc() - before;
    assertTrue(sum > 0);
    assertTrue(growth < ALLOWED_GROWTH, "heap grew by " + growth + " bytes over " + n + " values");
  }

  private static long partial(int k) {
    return (long) k * (k - 1) / 2;
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }
}

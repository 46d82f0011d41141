package dev.weft.greenlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Suspend;
import dev.weft.generators.Generator;
import dev.weft.testing.Stress;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #9 soak: switches and generator values in the millions leave the heap where it was
 * (measured by the memory MXBean after collections, not assumed). {@code -Dweft.stress=10} multiplies the counts (10M).
 */
@Timeout(300)
class GreenletSoakTest {
  static final int SCALE = Stress.MULTIPLIER;
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

  /**
   * The heap in use right after full collections, as the memory MXBean reports it. Collected until
   * the reading stops falling (the least reading counts), and only if a collection really ran:
   * with explicit collections disabled the reading would hold garbage and mean nothing (#13).
   */
  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long collectionsBefore = collections();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      memory.gc();
      long used = memory.getHeapMemoryUsage().getUsed();
      if (used >= least) break;
      least = used;
    }
    assertTrue(collections() > collectionsBefore, "System.gc() ran no collection: the heap reading would include garbage");
    return least;
  }

  private static long collections() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) n += Math.max(0, gc.getCollectionCount());
    return n;
  }
}

package dev.weft.bench.asyncio;

import java.util.concurrent.CountDownLatch;

/**
 * The virtual-thread peer of {@link SleepingTasks}: the same counts of virtual threads asleep in
 * {@code Thread.sleep}, the same wall-time and heap measurements, the same frames (an {@code int}
 * and a {@code long} live in each). Built and run on JDK 21+ only.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.weft.bench.asyncio.SleepingVirtualThreads [--tsv]</pre>
 */
public final class SleepingVirtualThreads {
  static long sink;

  private SleepingVirtualThreads() {}

  static double wallSeconds(int count) throws InterruptedException {
    long t0 = System.nanoTime();
    Thread[] threads = new Thread[count];
    for (int i = 0; i < count; i++) threads[i] = Thread.startVirtualThread(SleepingVirtualThreads::sleepHalfSecond);
    for (Thread t : threads) t.join();
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void sleepHalfSecond() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static long retained(int count, int depth) throws InterruptedException {
    Thread[] threads = new Thread[count];
    CountDownLatch asleep = new CountDownLatch(count);
    long before = SleepingTasks.usedAfterGc();
    for (int i = 0; i < count; i++) threads[i] = Thread.startVirtualThread(() -> down(depth, asleep));
    asleep.await();
    Thread.sleep(50); // the last ones counted down just before parking
    long bytes = SleepingTasks.usedAfterGc() - before;
    for (Thread t : threads) t.interrupt();
    for (Thread t : threads) t.join();
    return bytes;
  }

  static void down(int d, CountDownLatch asleep) {
    int keepInt = d;
    long keepLong = d * 2L;
    if (d > 1) {
      down(d - 1, asleep);
    } else {
      asleep.countDown();
      try {
        Thread.sleep(3_600_000);
      } catch (InterruptedException expected) {
        // woken once measured
      }
    }
    sink += keepInt + keepLong;
  }

  public static void main(String[] args) throws InterruptedException {
    boolean tsv = args.length > 0 && args[0].equals("--tsv");
    retained(SleepingTasks.PER_TASK_COUNT, 10); // warm up
    wallSeconds(SleepingTasks.PER_TASK_COUNT);
    print(tsv, "1M concurrently sleeping tasks: wall time", wallSeconds(SleepingTasks.MILLION), "s");
    print(tsv, "1M concurrently sleeping tasks: heap", retained(SleepingTasks.MILLION, 1) / 1e6, "MB");
    for (int depth : new int[] {1, 10}) {
      print(tsv, "retained bytes per sleeping task, coroutine depth " + depth,
          (double) retained(SleepingTasks.PER_TASK_COUNT, depth) / SleepingTasks.PER_TASK_COUNT, "bytes");
    }
  }

  static void print(boolean tsv, String workload, double value, String unit) {
    if (tsv) System.out.printf("%s\tvirtual threads\t%.2f\t%s%n", workload, value, unit);
    else System.out.printf("%s: %.2f %s%n", workload, value, unit);
  }
}

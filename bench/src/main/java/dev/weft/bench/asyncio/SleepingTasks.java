package dev.weft.bench.asyncio;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Task;
import dev.weft.continuations.Suspend;

/**
 * Many tasks asleep at once. Prints, for Weft's event loop:
 *
 * <ul>
 *   <li>the wall time to create 1,000,000 tasks that each {@code sleep(0.5)} concurrently, see them
 *       all finish, and leave the loop (the half second of sleep included);
 *   <li>the heap those 1,000,000 tasks retain while they sleep (used heap after {@code System.gc()}
 *       with every task asleep, minus before);
 *   <li>the retained bytes per sleeping task whose coroutine is 1 and 10 suspendable calls deep
 *       (100,000 tasks each), every frame keeping an {@code int} and a {@code long} live.
 * </ul>
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.weft.bench.asyncio.SleepingTasks [--tsv]</pre>
 */
public final class SleepingTasks {
  static final int MILLION = 1_000_000;
  static final int PER_TASK_COUNT = 100_000;
  static long sink;

  private SleepingTasks() {}

  /** Seconds from the first task created to the loop closed, {@code count} tasks asleep 0.5 s. */
  static double wallSeconds(int count) {
    long t0 = System.nanoTime();
    Asyncio.run(() -> {
      Task<?>[] tasks = new Task<?>[count];
      for (int i = 0; i < count; i++) tasks[i] = Asyncio.createTask(Asyncio.sleep(0.5));
      for (Task<?> t : tasks) Asyncio.await(t);
      return null;
    });
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Bytes retained by {@code count} tasks asleep {@code depth} calls deep, in total. */
  static long retained(int count, int depth) {
    long[] bytes = new long[1];
    Asyncio.run(() -> {
      Task<?>[] tasks = new Task<?>[count];
      long before = usedAfterGc();
      for (int i = 0; i < count; i++) tasks[i] = Asyncio.createTask(Asyncio.async(() -> {
        down(depth);
        return null;
      }));
      Asyncio.await(Asyncio.sleep(0)); // every task has run up to its sleep
      // ...and the iteration in which they did is over: until then the loop holds every coroutine
      // made in it (to warn of those never awaited), which a task asleep for long does not pay
      Asyncio.await(Asyncio.sleep(0));
      bytes[0] = usedAfterGc() - before;
      for (Task<?> t : tasks) t.cancel();
      for (Task<?> t : tasks) {
        try {
          Asyncio.await(t);
        } catch (dev.weft.asyncio.CancelledError expected) {
          // each task was cancelled in its sleep
        }
      }
      return null;
    });
    return bytes[0];
  }

  static void down(int d) throws Suspend {
    int keepInt = d;
    long keepLong = d * 2L;
    if (d > 1) {
      down(d - 1);
    } else {
      Asyncio.await(Asyncio.sleep(3600));
    }
    sink += keepInt + keepLong;
  }

  static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  public static void main(String[] args) {
    boolean tsv = args.length > 0 && args[0].equals("--tsv");
    retained(PER_TASK_COUNT, 10); // warm up class loading and the JIT
    wallSeconds(PER_TASK_COUNT);
    // The tasks array (4 bytes a reference) is counted in; it is 0.4% of the total.
    print(tsv, "1M concurrently sleeping tasks: wall time", wallSeconds(MILLION), "s");
    print(tsv, "1M concurrently sleeping tasks: heap", retained(MILLION, 1) / 1e6, "MB");
    for (int depth : new int[] {1, 10}) {
      print(tsv, "retained bytes per sleeping task, coroutine depth " + depth,
          (double) retained(PER_TASK_COUNT, depth) / PER_TASK_COUNT, "bytes");
    }
  }

  static void print(boolean tsv, String workload, double value, String unit) {
    if (tsv) System.out.printf("%s\tWeft\t%.2f\t%s%n", workload, value, unit);
    else System.out.printf("%s: %.2f %s%n", workload, value, unit);
  }
}

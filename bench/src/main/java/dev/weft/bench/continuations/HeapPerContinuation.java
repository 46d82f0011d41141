package dev.weft.bench.continuations;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.Suspend;

/**
 * Retained heap per suspended continuation: 100,000 continuations suspended {@code depth} calls
 * deep, held in an array; used heap after {@code System.gc()} before and after, divided.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.weft.bench.continuations.HeapPerContinuation</pre>
 *
 * <p>Every frame keeps an {@code int} and a {@code long} live across its call, as in
 * {@link SuspendBenchmark}. Counted: the continuation, its saved frames, and its body lambda.
 */
public final class HeapPerContinuation {
  static final ContinuationScope SCOPE = new ContinuationScope("heap");
  static final int COUNT = 100_000;
  static Object[] held;

  private HeapPerContinuation() {}

  static void down(int d) throws Suspend {
    int keepInt = d;
    long keepLong = d * 2L;
    if (d > 1) {
      down(d - 1);
    } else {
      Continuation.suspend(SCOPE);
    }
    sink += keepInt + keepLong;
  }

  static long sink;

  /** Bytes retained per suspended continuation at that depth. */
  public static long measure(int depth) {
    held = null;
    long before = usedAfterGc();
    Object[] array = new Object[COUNT];
    long arrayBytes = usedAfterGc() - before;
    for (int i = 0; i < COUNT; i++) {
      Continuation k = new Continuation(SCOPE, () -> down(depth));
      k.run();
      array[i] = k;
    }
    held = array;
    long after = usedAfterGc();
    long perContinuation = (after - before - arrayBytes) / COUNT;
    held = null;
    return perContinuation;
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  public static void main(String[] args) {
    measure(1); // warm up class loading and the JIT
    boolean tsv = args.length > 0 && args[0].equals("--tsv");
    for (int depth : new int[] {1, 10}) {
      long bytes = measure(depth);
      if (tsv) System.out.printf("retained bytes per suspended continuation, depth %d\tWeft\t%d\tbytes%n", depth, bytes);
      else System.out.printf("retained bytes per suspended continuation, depth %d: %d%n", depth, bytes);
    }
  }
}

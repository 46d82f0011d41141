package dev.weft.bench.greenlet;

import dev.weft.continuations.Suspend;
import dev.weft.greenlet.Greenlet;

/**
 * Retained heap per suspended greenlet: 100,000 greenlets each started and switched out of one
 * call deep, held in an array; used heap after {@code System.gc()} before and after, divided.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.weft.bench.greenlet.HeapPerGreenlet</pre>
 */
public final class HeapPerGreenlet {
  static final int COUNT = 100_000;
  static Object[] held;

  private HeapPerGreenlet() {}

  static Object parked(Greenlet home) throws Suspend {
    int keepInt = 1;
    long keepLong = 2;
    Object back = home.switchTo();
    return keepInt + keepLong + String.valueOf(back).length();
  }

  public static long measure() throws Suspend {
    held = null;
    long before = usedAfterGc();
    Object[] array = new Object[COUNT];
    long arrayBytes = usedAfterGc() - before;
    Greenlet home = Greenlet.current();
    for (int i = 0; i < COUNT; i++) {
      Greenlet g = new Greenlet(args -> parked(home));
      g.switchTo();
      array[i] = g;
    }
    held = array;
    long perGreenlet = (usedAfterGc() - before - arrayBytes) / COUNT;
    held = null;
    return perGreenlet;
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  public static void main(String[] args) throws Suspend {
    measure();
    long bytes = measure();
    if (args.length > 0 && args[0].equals("--tsv")) {
      System.out.printf("retained bytes per suspended greenlet\tWeft\t%d\tbytes%n", bytes);
    } else {
      System.out.printf("retained bytes per suspended greenlet: %d%n", bytes);
    }
  }
}

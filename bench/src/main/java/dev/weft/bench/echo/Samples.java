package dev.weft.bench.echo;

import java.util.Arrays;

/** Round-trip times of one client, in nanoseconds; one writer, read after the run. */
final class Samples {
  private long[] values = new long[4096];
  private int size;

  void add(long nanos) {
    if (size == values.length) values = Arrays.copyOf(values, size * 2);
    values[size++] = nanos;
  }

  /** Every client's samples in one sorted array. */
  static long[] merged(Samples[] all) {
    int n = 0;
    for (Samples s : all) n += s.size;
    long[] out = new long[n];
    int at = 0;
    for (Samples s : all) {
      System.arraycopy(s.values, 0, out, at, s.size);
      at += s.size;
    }
    Arrays.sort(out);
    return out;
  }
}

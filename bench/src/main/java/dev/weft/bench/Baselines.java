package dev.weft.bench;

import java.util.PrimitiveIterator;

/** The physical floor the benchmarks put beside Weft: values from a hand-written iterator. */
public final class Baselines {
  private Baselines() {}

  /** An endless counter, 0, 1, 2, ..., as a primitive iterator with no allocation per value. */
  public static PrimitiveIterator.OfLong counter() {
    return new PrimitiveIterator.OfLong() {
      long n;

      @Override
      public long nextLong() {
        return n++;
      }

      @Override
      public boolean hasNext() {
        return true;
      }
    };
  }
}

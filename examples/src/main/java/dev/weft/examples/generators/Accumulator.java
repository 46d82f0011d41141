package dev.weft.examples.generators;

import dev.weft.generators.Generator;
import dev.weft.generators.StopIteration;

/**
 * A send-driven, coroutine-style generator (PEP 342): it receives numbers, answers each with the
 * running average, and returns the count when sent {@code null} after the start.
 */
public final class Accumulator {
  private Accumulator() {}

  static Generator<Double, Double, Integer> averager() {
    return Generator.create(y -> {
      double sum = 0;
      int n = 0;
      Double avg = null;
      while (true) {
        Double x = y.yield(avg);
        if (x == null) return n;
        sum += x;
        avg = sum / ++n;
      }
    });
  }

  public static void main(String[] args) {
    Generator<Double, Double, Integer> avg = averager();
    avg.send(null); // prime it, as Python's next(g)
    for (double x : new double[] {10, 20, 30, 40}) {
      System.out.println("sent " + x + ", average " + avg.send(x));
    }
    try {
      avg.send(null);
    } catch (StopIteration done) {
      System.out.println("averaged " + done.value() + " values");
    }
  }
}

package dev.weft.bench.generators;

import dev.weft.generators.Generator;
import java.util.Iterator;
import dev.weft.bench.Baselines;
import java.util.PrimitiveIterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One op = one value out of an endless counting generator.
 *
 * <pre>mvn -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar GeneratorBenchmark</pre>
 *
 * <p>{@code next}: the counter reached through {@code depth} generators, each delegating to the next
 * with {@code yieldFrom} (depth 1: the counter itself), as CPython's {@code yield from} chains in
 * {@code bench/python/peers.py}. {@code send}: a running-total generator fed with {@code send}.
 * Baselines in the same run: a hand-written iterator and {@code Stream.iterate}'s iterator.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GeneratorBenchmark {
  @Param({"1", "10", "50", "100"})
  int depth;

  private Generator<Long, Object, Void> chain;
  private Generator<Long, Long, Void> totals;
  private PrimitiveIterator.OfLong handWritten;
  private Iterator<Long> streamIterator;

  @Setup
  public void setup() {
    chain = delegating(depth);
    totals = Generator.create(y -> {
      long total = 0;
      while (true) total += y.yield(total);
    });
    totals.send(null);
    handWritten = Baselines.counter();
    streamIterator = Stream.iterate(0L, n -> n + 1).iterator();
  }

  static Generator<Long, Object, Void> counter() {
    return Generator.of(y -> {
      for (long n = 0; ; n++) y.yield(n);
    });
  }

  static Generator<Long, Object, Void> delegating(int depth) {
    Generator<Long, Object, Void> g = counter();
    for (int i = 1; i < depth; i++) {
      Generator<Long, Object, Void> inner = g;
      int keepInt = i;
      g = Generator.of(y -> {
        long keepLong = keepInt * 2L;
        y.yieldFrom(inner);
        if (keepLong < 0) throw new AssertionError();
      });
    }
    return g;
  }

  @Benchmark
  public Long next() {
    return chain.next();
  }

  @Benchmark
  public Long send() {
    return totals.send(1L);
  }

  @Benchmark
  public long handWrittenIterator() {
    return handWritten.nextLong();
  }

  @Benchmark
  public Long streamIterate() {
    return streamIterator.next();
  }
}

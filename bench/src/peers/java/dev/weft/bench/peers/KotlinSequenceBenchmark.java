package dev.weft.bench.peers;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;
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
 * Kotlin's {@code sequence { yield }} as the peer of {@code GeneratorBenchmark.next}: one value per
 * op, through {@code depth} sequences delegating with {@code yieldAll}. Built only with
 * {@code -Ppeers} (bench/run).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KotlinSequenceBenchmark {
  @Param({"1", "10", "50", "100"})
  int depth;

  private Iterator<Long> values;

  @Setup
  public void setup() {
    values = KotlinPeers.chain(depth);
  }

  @Benchmark
  public Long next() {
    return values.next();
  }
}

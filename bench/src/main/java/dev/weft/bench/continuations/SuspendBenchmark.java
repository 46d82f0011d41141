package dev.weft.bench.continuations;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.Suspend;
import dev.weft.bench.Baselines;
import java.util.PrimitiveIterator;
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
 * One op = resume a continuation, let it produce one value and suspend again, read the value.
 *
 * <pre>mvn -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar SuspendBenchmark</pre>
 *
 * <p>{@code depth} is the number of nested calls from the body to the call that suspends; every
 * frame keeps an {@code int} and a {@code long} live across its call. {@code stay} descends once
 * and then suspends in a loop at the bottom, so a depth-independent runtime costs the same at
 * every depth. {@code redescend} goes down {@code depth} calls for every value and returns all the
 * way up. {@code handWrittenIterator} is the floor: the same values from a primitive iterator.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SuspendBenchmark {
  static final ContinuationScope SCOPE = new ContinuationScope("bench");

  @Param({"1", "10", "50"})
  int depth;

  long value;
  private Continuation stay;
  private Continuation redescend;
  private PrimitiveIterator.OfLong iterator;

  @Setup
  public void setup() {
    stay = new Continuation(SCOPE, () -> stayAt(depth));
    redescend = new Continuation(SCOPE, () -> {
      for (long n = 0; ; n++) value = n + down(depth);
    });
    iterator = Baselines.counter();
  }

  void stayAt(int d) throws Suspend {
    int keepInt = d;
    long keepLong = d * 2L;
    if (d > 1) {
      stayAt(d - 1);
    } else {
      for (long n = 0; ; n++) {
        value = n;
        Continuation.suspend(SCOPE);
      }
    }
    value += keepInt + keepLong;
  }

  long down(int d) throws Suspend {
    int keepInt = d;
    long keepLong = d * 2L;
    if (d > 1) return down(d - 1) + keepInt + keepLong;
    Continuation.suspend(SCOPE);
    return keepInt + keepLong;
  }

  @Benchmark
  public long stay() {
    stay.run();
    return value;
  }

  @Benchmark
  public long redescend() {
    redescend.run();
    return value;
  }

  @Benchmark
  public long handWrittenIterator() {
    return iterator.nextLong();
  }
}

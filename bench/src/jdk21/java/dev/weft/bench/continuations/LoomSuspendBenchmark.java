package dev.weft.bench.continuations;

import java.util.concurrent.TimeUnit;
import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;
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
 * The peer for {@link SuspendBenchmark}: the JDK's own one-shot continuation
 * ({@code jdk.internal.vm.Continuation}, what virtual threads run on), same workloads and depths.
 * Built and run on JDK 21+ only.
 *
 * <pre>java -jar bench/target/benchmarks.jar "SuspendBenchmark"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
public class LoomSuspendBenchmark {
  static final ContinuationScope SCOPE = new ContinuationScope("bench");

  @Param({"1", "10", "50"})
  int depth;

  long value;
  private Continuation stay;
  private Continuation redescend;

  @Setup
  public void setup() {
    stay = new Continuation(SCOPE, () -> stayAt(depth));
    redescend = new Continuation(SCOPE, () -> {
      for (long n = 0; ; n++) value = n + down(depth);
    });
  }

  void stayAt(int d) {
    int keepInt = d;
    long keepLong = d * 2L;
    if (d > 1) {
      stayAt(d - 1);
    } else {
      for (long n = 0; ; n++) {
        value = n;
        Continuation.yield(SCOPE);
      }
    }
    value += keepInt + keepLong;
  }

  long down(int d) {
    int keepInt = d;
    long keepLong = d * 2L;
    if (d > 1) return down(d - 1) + keepInt + keepLong;
    Continuation.yield(SCOPE);
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
}

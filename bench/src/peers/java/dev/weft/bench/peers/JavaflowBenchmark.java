package dev.weft.bench.peers;

import java.util.concurrent.TimeUnit;
import org.apache.commons.javaflow.api.Continuation;
import org.apache.commons.javaflow.api.continuable;
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
 * Tascalate JavaFlow, a build-time bytecode-instrumenting continuation library, on
 * {@code SuspendBenchmark.stay}'s workload: one op = resume, the body produces one value and
 * suspends again, read the value; the body descends {@code depth} calls once (each frame keeping an
 * {@code int} and a {@code long} live) and suspends in a loop at the bottom. JavaFlow's
 * continuations are immutable snapshots: each {@code resume()} returns the next one. Compiled and
 * enhanced only in the {@code peers} profile.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JavaflowBenchmark {
  @Param({"1", "10", "50"})
  int depth;

  static long value;
  private Continuation stay;

  @Setup
  public void setup() {
    stay = Continuation.startWith(new Body(depth));
  }

  @Benchmark
  public long stay() {
    stay = stay.resume();
    return value;
  }

  static final class Body implements Runnable {
    private final int depth;

    Body(int depth) {
      this.depth = depth;
    }

    @Override
    public @continuable void run() {
      stayAt(depth);
    }

    @continuable
    static void stayAt(int d) {
      int keepInt = d;
      long keepLong = d * 2L;
      if (d > 1) {
        stayAt(d - 1);
      } else {
        for (long n = 0; ; n++) {
          value = n;
          Continuation.suspend();
        }
      }
      value += keepInt + keepLong;
    }
  }
}

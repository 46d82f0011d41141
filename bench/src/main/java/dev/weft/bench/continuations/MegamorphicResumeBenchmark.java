package dev.weft.bench.continuations;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.Suspend;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One op = one resume, as {@code SuspendBenchmark.stay} at depth 1, but of eight continuations in
 * turn whose suspended frames belong to eight different instrumented classes: the resume loop's
 * call to the saved frame's entry then sees eight receiver classes (megamorphic), as in a server
 * that resumes handlers of many classes, where a one-class benchmark lets the JIT inline the only
 * one. {@code oneClass} is the same round robin over eight continuations of a single class.
 *
 * <pre>mvn -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar MegamorphicResumeBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MegamorphicResumeBenchmark {
  static final ContinuationScope SCOPE = new ContinuationScope("mega");

  /* One value slot per continuation; each class's loop writes its own. */
  final long[] out = new long[8];
  private final Continuation[] eightClasses = new Continuation[8];
  private final Continuation[] oneClass = new Continuation[8];
  private int next;

  // Eight classes on purpose: each has its own instrumented frame and resume entry.
  static final class C0 { static void loop(long[] o, int i) throws Suspend { for (long n = 0; ; n++) { o[i] = n; Continuation.suspend(SCOPE); } } }
  static final class C1 { static void loop(long[] o, int i) throws Suspend { for (long n = 1; ; n++) { o[i] = n; Continuation.suspend(SCOPE); } } }
  static final class C2 { static void loop(long[] o, int i) throws Suspend { for (long n = 2; ; n++) { o[i] = n; Continuation.suspend(SCOPE); } } }
  static final class C3 { static void loop(long[] o, int i) throws Suspend { for (long n = 3; ; n++) { o[i] = n; Continuation.suspend(SCOPE); } } }
  static final class C4 { static void loop(long[] o, int i) throws Suspend { for (long n = 4; ; n++) { o[i] = n; Continuation.suspend(SCOPE); } } }
  static final class C5 { static void loop(long[] o, int i) throws Suspend { for (long n = 5; ; n++) { o[i] = n; Continuation.suspend(SCOPE); } } }
  static final class C6 { static void loop(long[] o, int i) throws Suspend { for (long n = 6; ; n++) { o[i] = n; Continuation.suspend(SCOPE); } } }
  static final class C7 { static void loop(long[] o, int i) throws Suspend { for (long n = 7; ; n++) { o[i] = n; Continuation.suspend(SCOPE); } } }

  @Setup
  public void setup() {
    eightClasses[0] = new Continuation(SCOPE, () -> C0.loop(out, 0));
    eightClasses[1] = new Continuation(SCOPE, () -> C1.loop(out, 1));
    eightClasses[2] = new Continuation(SCOPE, () -> C2.loop(out, 2));
    eightClasses[3] = new Continuation(SCOPE, () -> C3.loop(out, 3));
    eightClasses[4] = new Continuation(SCOPE, () -> C4.loop(out, 4));
    eightClasses[5] = new Continuation(SCOPE, () -> C5.loop(out, 5));
    eightClasses[6] = new Continuation(SCOPE, () -> C6.loop(out, 6));
    eightClasses[7] = new Continuation(SCOPE, () -> C7.loop(out, 7));
    for (int i = 0; i < 8; i++) {
      int slot = i;
      oneClass[i] = new Continuation(SCOPE, () -> C0.loop(out, slot));
    }
    // first runs: each body is entered and suspends, so every op below is a resume
    for (int i = 0; i < 8; i++) {
      eightClasses[i].run();
      oneClass[i].run();
    }
  }

  @Benchmark
  public long eightClasses() {
    int i = next++ & 7;
    eightClasses[i].run();
    return out[i];
  }

  @Benchmark
  public long oneClass() {
    int i = next++ & 7;
    oneClass[i].run();
    return out[i];
  }
}

package dev.weft.bench.continuations;

import dev.weft.continuations.Suspend;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The price of instrumentation when nothing suspends: the same method body, once declaring
 * {@code throws Suspend} (instrumented: it calls suspendable methods) and once plain.
 *
 * <pre>mvn -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar NotSuspendingBenchmark</pre>
 *
 * <p>The outer method is kept out of line so its instrumented entry and call sites are paid per
 * operation; its callees are small and inlined, as they would be in real code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NotSuspendingBenchmark {
  int x = 17;
  final int[] data = new int[32];

  static int step(int[] data, int x) throws Suspend {
    int h = x;
    for (int v : data) h = h * 31 + v;
    return h;
  }

  static int stepPlain(int[] data, int x) {
    int h = x;
    for (int v : data) h = h * 31 + v;
    return h;
  }

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  static int instrumentedWork(int[] data, int x) throws Suspend {
    int a = step(data, x);
    int b = step(data, a);
    return a ^ b;
  }

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  static int plainWork(int[] data, int x) {
    int a = stepPlain(data, x);
    int b = stepPlain(data, a);
    return a ^ b;
  }

  /** The same work as instance calls through an interface, whose tokens carry the receiver's class. */
  interface Stepper {
    int step(int[] data, int x) throws Suspend;
  }

  interface PlainStepper {
    int step(int[] data, int x);
  }

  static final class Hasher implements Stepper, PlainStepper {
    @Override
    public int step(int[] data, int x) {
      int h = x;
      for (int v : data) h = h * 31 + v;
      return h;
    }
  }

  final Hasher hasher = new Hasher();

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  static int instrumentedInstanceWork(Stepper s, int[] data, int x) throws Suspend {
    int a = s.step(data, x);
    int b = s.step(data, a);
    return a ^ b;
  }

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  static int plainInstanceWork(PlainStepper s, int[] data, int x) {
    int a = s.step(data, x);
    int b = s.step(data, a);
    return a ^ b;
  }

  /*
   * An instrumented instance method that the receiver's class inherits, called from an
   * instrumented method: the entry finds a clean token for a subclass receiver, and checks (from a
   * cache) that no uninstrumented method of the same name lies between the two classes.
   */
  abstract static class Work {
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    int run(int[] data, int x) throws Suspend {
      int a = step(data, x);
      int b = step(data, a);
      return a ^ b;
    }
  }

  static final class InheritsWork extends Work {}

  abstract static class PlainWork {
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    int run(int[] data, int x) {
      int a = stepPlain(data, x);
      int b = stepPlain(data, a);
      return a ^ b;
    }
  }

  static final class InheritsPlainWork extends PlainWork {}

  final Work inherits = new InheritsWork();
  final PlainWork inheritsPlain = new InheritsPlainWork();

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  static int callInherited(Work w, int[] data, int x) throws Suspend {
    return w.run(data, x) + 1;
  }

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  static int callInheritedPlain(PlainWork w, int[] data, int x) {
    return w.run(data, x) + 1;
  }

  @Benchmark
  public int instrumentedInherited() {
    try {
      return callInherited(inherits, data, x++);
    } catch (Suspend impossible) {
      throw new AssertionError(impossible);
    }
  }

  @Benchmark
  public int plainInherited() {
    return callInheritedPlain(inheritsPlain, data, x++);
  }

  @Benchmark
  public int instrumentedInstance() {
    try {
      return instrumentedInstanceWork(hasher, data, x++);
    } catch (Suspend impossible) {
      throw new AssertionError(impossible);
    }
  }

  @Benchmark
  public int plainInstance() {
    return plainInstanceWork(hasher, data, x++);
  }

  @Benchmark
  public int instrumented() {
    try {
      return instrumentedWork(data, x++);
    } catch (Suspend impossible) {
      throw new AssertionError(impossible);
    }
  }

  @Benchmark
  public int plain() {
    return plainWork(data, x++);
  }
}

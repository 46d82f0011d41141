package dev.weft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.bench.continuations.SuspendBenchmark;
import dev.weft.bench.generators.GeneratorBenchmark;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A ratio between two systems means something only if they do the same work. Each peer's
 * benchmark is written in its own system's terms (Weft's {@code throws Suspend}, Loom's plain
 * methods, JavaFlow's {@code @continuable}), so one source cannot serve all; instead this checks
 * that each produces, op after op, the values the workload defines, computed here independently.
 * The Loom peer is compiled on JDK 21+ only; the Kotlin and JavaFlow peers only under
 * {@code -Ppeers}: a peer that is not on the class path is skipped, with the reason.
 */
class SameWorkTest {
  static final int OPS = 200;

  /** stay: one value per op, 0, 1, 2, ..., after one descent. */
  static List<Long> expectedStay() {
    List<Long> v = new ArrayList<>();
    for (long n = 0; n < OPS; n++) v.add(n);
    return v;
  }

  /** redescend: op n yields n plus what depth frames each keeping d and 2d add on the way up. */
  static List<Long> expectedRedescend(int depth) {
    long kept = 0;
    for (int d = 1; d <= depth; d++) kept += 3L * d;
    List<Long> v = new ArrayList<>();
    // the value is read after the op's suspension, before the sum of op n is stored: n-1's
    for (long n = 0; n < OPS; n++) v.add(n == 0 ? 0 : n - 1 + kept);
    return v;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 50})
  void weftContinuation_doesTheWorkloadsWork(int depth) throws Exception {
    // a fresh instance per workload: both write the benchmark's one value field
    assertEquals(expectedStay(), ops(setUp(new SuspendBenchmark(), depth), "stay"));
    assertEquals(expectedRedescend(depth), ops(setUp(new SuspendBenchmark(), depth), "redescend"));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 50})
  void loomContinuation_doesTheSameWork(int depth) throws Exception {
    String loom = "dev.weft.bench.continuations.LoomSuspendBenchmark";
    assertEquals(expectedStay(), ops(setUp(peer(loom, "JDK 21+ builds only"), depth), "stay"));
    assertEquals(expectedRedescend(depth), ops(setUp(peer(loom, "JDK 21+ builds only"), depth), "redescend"));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 50})
  void javaflowContinuation_doesTheSameWork(int depth) throws Exception {
    Object b = setUp(peer("dev.weft.bench.peers.JavaflowBenchmark", "-Ppeers builds only"), depth);
    assertEquals(expectedStay(), ops(b, "stay"));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10})
  void weftGenerator_countsThroughItsChain(int depth) throws Exception {
    assertEquals(expectedStay(), ops(setUp(new GeneratorBenchmark(), depth), "next"));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10})
  void kotlinSequence_countsTheSame(int depth) throws Exception {
    Object kotlin = setUp(peer("dev.weft.bench.peers.KotlinSequenceBenchmark", "-Ppeers builds only"), depth);
    assertEquals(expectedStay(), ops(kotlin, "next"));
  }

  static Object peer(String className, String when) throws Exception {
    Class<?> c;
    try {
      c = Class.forName(className);
    } catch (ClassNotFoundException e) {
      c = null;
    }
    assumeTrue(c != null, className + " is not on the class path (" + when + ")");
    return c.getDeclaredConstructor().newInstance();
  }

  /** What JMH does before the first op: the {@code depth} parameter, then {@code @Setup}. */
  static Object setUp(Object benchmark, int depth) throws Exception {
    Field f = benchmark.getClass().getDeclaredField("depth");
    f.setAccessible(true);
    f.setInt(benchmark, depth);
    benchmark.getClass().getMethod("setup").invoke(benchmark);
    return benchmark;
  }

  static List<Long> ops(Object benchmark, String op) throws Exception {
    Method m = benchmark.getClass().getMethod(op);
    List<Long> values = new ArrayList<>();
    for (int i = 0; i < OPS; i++) values.add(((Number) m.invoke(benchmark)).longValue());
    return values;
  }
}

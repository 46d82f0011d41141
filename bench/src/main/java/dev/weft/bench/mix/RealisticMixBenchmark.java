package dev.weft.bench.mix;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.EventLoop;
import dev.weft.asyncio.Future;
import dev.weft.asyncio.Task;
import dev.weft.continuations.Suspend;
import dev.weft.generators.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Real paths, not micro-rows: what a fast single operation could hide.
 *
 * <pre>mvn -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar RealisticMixBenchmark</pre>
 *
 * <p>{@code pipeline}: three generator stages over a list, as a Python pipeline is written
 * ({@code evens(scaled(numbers(list)))}), made afresh and drained for every 1,000 elements; one op
 * is one element through all three. {@code streamPipeline} is the same work as a Java stream.
 * {@code handler}: a request handler task that awaits two futures completed by loop callbacks
 * (as I/O completes them) and a {@code sleep(0)}, then returns; 1,000 handlers spawned and awaited
 * per loop run; one op is one handler, spawn to result. {@code bench/python/peers.py} runs the same
 * two workloads on CPython.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RealisticMixBenchmark {
  public static final int N = 1_000;

  private final List<Integer> list = IntStream.range(0, N).boxed().toList();

  static Generator<Integer, Object, Void> numbers(List<Integer> xs) {
    return Generator.of(y -> {
      for (Integer x : xs) y.yield(x);
    });
  }

  static Generator<Integer, Object, Void> scaled(Generator<Integer, Object, Void> src) {
    return Generator.of(y -> {
      while (src.hasNext()) y.yield(src.next() * 3);
    });
  }

  static Generator<Integer, Object, Void> evens(Generator<Integer, Object, Void> src) {
    return Generator.of(y -> {
      while (src.hasNext()) {
        int x = src.next();
        if (x % 2 == 0) y.yield(x);
      }
    });
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long pipeline() {
    long sum = 0;
    try (Generator<Integer, Object, Void> g = evens(scaled(numbers(list)))) {
      for (int x : g) sum += x;
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long streamPipeline() {
    return list.stream().map(x -> x * 3).filter(x -> x % 2 == 0).mapToLong(x -> x).sum();
  }

  static int handle(EventLoop loop) throws Suspend {
    Future<Integer> a = loop.createFuture();
    Future<Integer> b = loop.createFuture();
    loop.callSoon(() -> a.setResult(1));
    loop.callSoon(() -> b.setResult(2));
    int sum = Asyncio.await(a) + Asyncio.await(b);
    Asyncio.await(Asyncio.sleep(0));
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public Object handler() {
    return Asyncio.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      List<Task<Integer>> tasks = new ArrayList<>(N);
      for (int i = 0; i < N; i++) tasks.add(Asyncio.createTask(Asyncio.async(() -> handle(loop))));
      long total = 0;
      for (Task<Integer> t : tasks) total += Asyncio.await(t);
      if (total != 3L * N) throw new AssertionError(total);
      return total;
    });
  }
}

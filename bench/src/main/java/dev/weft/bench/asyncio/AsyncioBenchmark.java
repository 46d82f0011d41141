package dev.weft.bench.asyncio;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Coroutine;
import dev.weft.asyncio.EventLoop;
import dev.weft.asyncio.Future;
import dev.weft.asyncio.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The event loop, measured as {@code bench/python/peers.py} measures CPython's asyncio and uvloop.
 * {@code spawnSleep0}: one op = create a task whose coroutine awaits {@code sleep(0)} once, and see
 * it finish, in batches of 10,000 gathered by one main coroutine. {@code awaitSleep0}: one op = one
 * {@code await sleep(0)} round trip through the loop.
 *
 * <pre>mvn -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar AsyncioBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AsyncioBenchmark {
  static final int BATCH = 10_000;

  static Coroutine<Void> one() {
    return Asyncio.async(() -> Asyncio.await(Asyncio.sleep(0)));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object spawnSleep0() {
    return Asyncio.run(() -> {
      List<Task<Void>> tasks = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) tasks.add(Asyncio.createTask(one()));
      for (Task<Void> t : tasks) Asyncio.await(t);
      return tasks.size();
    });
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object awaitSleep0() {
    return Asyncio.run(() -> {
      for (int i = 0; i < BATCH; i++) Asyncio.await(Asyncio.sleep(0));
      return BATCH;
    });
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @SuppressWarnings("unchecked")
  public Object futureHandoff() {
    return Asyncio.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      Future<Integer>[] fs = new Future[BATCH];
      for (int i = 0; i < BATCH; i++) fs[i] = loop.createFuture();
      Task<Void> partner = Asyncio.createTask(Asyncio.async(() -> {
        for (int i = 1; i < BATCH; i += 2) {
          Asyncio.await(fs[i - 1]);
          fs[i].setResult(i);
        }
        return null;
      }));
      int sum = 0;
      for (int i = 0; i < BATCH; i += 2) {
        fs[i].setResult(i);
        sum += Asyncio.await(fs[i + 1]);
      }
      Asyncio.await(partner);
      return sum;
    });
  }
}

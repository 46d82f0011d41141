package dev.weft.bench.traces;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Task;
import dev.weft.continuations.Continuation;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.Suspend;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #16's cost: exact traces must cost nothing on the path that does not throw, and a bounded
 * amount when something throws or a stack is read. Compare each pair on the same machine:
 *
 * <ul>
 *   <li>{@code suspendResume} (one op = resume, suspend {@code depth} calls deep) against
 *       {@code SuspendBenchmark.stay} from before the traces work: no cost expected;
 *   <li>{@code nestedSuspendResume} (one op = an outer continuation resumes an inner one, which
 *       suspends, then suspends itself): a nested run parks the outer's records for live stacks;
 *   <li>{@code throwAfterResume}: one op = resume, and the bottom frame throws, caught by the body:
 *       the trace is rewritten from the saved records (the cost per throw);
 *   <li>{@code tasksSleep0} against {@code tasksSleep0WithStacks}: one op = a task awaiting
 *       {@code sleep(0)} twice, without and with its {@code getStack()} read while suspended;
 *       {@code captureCallGraph} is one {@code Asyncio.captureCallGraph(null)} in a running task.
 * </ul>
 *
 * <pre>mvn -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar TraceCostBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TraceCostBenchmark {
  static final ContinuationScope OUTER = new ContinuationScope("bench-outer"), INNER = new ContinuationScope("bench-inner");
  static final int BATCH = 10_000;

  @Param({"1", "10"})
  int depth;

  long value;
  private Continuation stay, nested, throwing;

  @Setup
  public void setup() {
    stay = new Continuation(OUTER, () -> stayAt(depth, OUTER));
    Continuation inner = new Continuation(INNER, () -> stayAt(depth, INNER));
    nested = new Continuation(OUTER, () -> {
      for (;;) {
        inner.run();
        Continuation.suspend(OUTER);
      }
    });
    throwing = new Continuation(OUTER, () -> {
      for (;;) {
        try {
          value += throwsAfterResume(depth);
        } catch (IllegalStateException e) {
          value += e.getStackTrace().length;
        }
      }
    });
  }

  void stayAt(int d, ContinuationScope scope) throws Suspend {
    long keep = d;
    if (d > 1) {
      stayAt(d - 1, scope);
    } else {
      for (long n = 0; ; n++) {
        value = n;
        Continuation.suspend(scope);
      }
    }
    value += keep;
  }

  long throwsAfterResume(int d) throws Suspend {
    long keep = d;
    if (d > 1) return throwsAfterResume(d - 1) + keep;
    Continuation.suspend(OUTER);
    throw new IllegalStateException("after resume");
  }

  @Benchmark
  public long suspendResume() {
    stay.run();
    return value;
  }

  @Benchmark
  public long nestedSuspendResume() {
    nested.run();
    return value;
  }

  @Benchmark
  public long throwAfterResume() {
    throwing.run();
    return value;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object tasksSleep0() {
    return tasks(false);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object tasksSleep0WithStacks() {
    return tasks(true);
  }

  static Object tasks(boolean readStacks) {
    return Asyncio.run(() -> {
      List<Task<Void>> tasks = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        tasks.add(Asyncio.createTask(Asyncio.async(() -> {
          Asyncio.await(Asyncio.sleep(0));
          return Asyncio.await(Asyncio.sleep(0));
        })));
      }
      Asyncio.await(Asyncio.sleep(0));
      int frames = 0;
      if (readStacks) for (Task<Void> t : tasks) frames += t.getStack().size();
      for (Task<Void> t : tasks) Asyncio.await(t);
      return frames;
    });
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object captureCallGraph() {
    return Asyncio.run(() -> {
      int frames = 0;
      for (int i = 0; i < BATCH; i++) frames += Asyncio.captureCallGraph(null).callStack().size();
      return frames;
    });
  }
}

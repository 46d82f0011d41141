package dev.weft.bench.asyncio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code CompletableFuture} peers of {@link AsyncioBenchmark}: callback chains on one
 * single-threaded executor, which plays the event loop. {@code spawnHop}: one op = a job submitted
 * ({@code runAsync}) that hops once more through the executor ({@code thenRunAsync}, the
 * {@code sleep(0)}) and completes, 10,000 at a time joined by the caller. {@code hop}: one op =
 * one {@code thenRunAsync} step of a 10,000-step chain (a future completed on the loop and continued
 * by a callback, which is also what a hand-off between two chains costs).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CompletableFutureBenchmark {
  static final int BATCH = AsyncioBenchmark.BATCH;
  private static final Runnable NOTHING = () -> { };
  private ExecutorService loop;

  @Setup(Level.Trial)
  public void open() {
    loop = Executors.newSingleThreadExecutor();
  }

  @TearDown(Level.Trial)
  public void close() {
    loop.shutdownNow();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object spawnHop() {
    CompletableFuture<?>[] jobs = new CompletableFuture<?>[BATCH];
    for (int i = 0; i < BATCH; i++) jobs[i] = CompletableFuture.runAsync(NOTHING, loop).thenRunAsync(NOTHING, loop);
    return CompletableFuture.allOf(jobs).join();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object hop() {
    CompletableFuture<Void> f = CompletableFuture.runAsync(NOTHING, loop);
    for (int i = 1; i < BATCH; i++) f = f.thenRunAsync(NOTHING, loop);
    return f.join();
  }
}

package dev.weft.bench.asyncio;

import java.util.concurrent.CompletableFuture;
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
 * The virtual-thread peers of {@link AsyncioBenchmark}, on one carrier thread (the scheduler's
 * parallelism is 1, as one event loop is one thread). {@code spawnYield}: one op = a virtual
 * thread started that yields once ({@code Thread.yield()}, the {@code sleep(0)}) and ends, 10,000
 * at a time joined by the caller. {@code yieldOnce}: one op = one {@code Thread.yield()} of a
 * virtual thread while another is runnable, so that the yield really switches. {@code handoff}:
 * one op = a {@code CompletableFuture} completed by one virtual thread and joined by the other.
 * Built and run on JDK 21+ only.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Djdk.virtualThreadScheduler.parallelism=1"})
public class VirtualThreadTaskBenchmark {
  static final int BATCH = AsyncioBenchmark.BATCH;

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object spawnYield() throws InterruptedException {
    Thread[] threads = new Thread[BATCH];
    for (int i = 0; i < BATCH; i++) threads[i] = Thread.startVirtualThread(Thread::yield);
    for (Thread t : threads) t.join();
    return threads;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object yieldOnce() throws InterruptedException {
    Runnable yielder = () -> {
      for (int i = 0; i < BATCH / 2; i++) Thread.yield();
    };
    Thread a = Thread.startVirtualThread(yielder), b = Thread.startVirtualThread(yielder);
    a.join();
    b.join();
    return a;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @SuppressWarnings("unchecked")
  public Object handoff() throws InterruptedException {
    CompletableFuture<Integer>[] fs = new CompletableFuture[BATCH];
    for (int i = 0; i < BATCH; i++) fs[i] = new CompletableFuture<>();
    Thread partner = Thread.startVirtualThread(() -> {
      for (int i = 1; i < BATCH; i += 2) {
        fs[i - 1].join();
        fs[i].complete(i);
      }
    });
    Thread main = Thread.startVirtualThread(() -> {
      for (int i = 0; i < BATCH; i += 2) {
        fs[i].complete(i);
        fs[i + 1].join();
      }
    });
    main.join();
    partner.join();
    return fs;
  }
}

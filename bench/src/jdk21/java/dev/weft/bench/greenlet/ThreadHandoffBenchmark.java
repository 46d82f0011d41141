package dev.weft.bench.greenlet;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The thread peers of a greenlet switch round trip: A hands control to B and B back to A, with
 * {@code LockSupport.park/unpark}, between two virtual threads on one carrier, and between two
 * platform threads. One op is one round trip. Built and run on JDK 21+ only.
 *
 * <pre>java -jar bench/target/benchmarks.jar ThreadHandoffBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Djdk.virtualThreadScheduler.parallelism=1"})
@OperationsPerInvocation(ThreadHandoffBenchmark.ROUNDS)
public class ThreadHandoffBenchmark {
  static final int ROUNDS = 10_000;

  @Benchmark
  public void virtualParkUnpark() throws InterruptedException {
    pingPong(Thread.ofVirtual().factory());
  }

  @Benchmark
  public void platformParkUnpark() throws InterruptedException {
    pingPong(Thread.ofPlatform().factory());
  }

  @Benchmark
  public void virtualSynchronousQueue() throws InterruptedException {
    queuePingPong(Thread.ofVirtual().factory());
  }

  @Benchmark
  public void platformSynchronousQueue() throws InterruptedException {
    queuePingPong(Thread.ofPlatform().factory());
  }

  /** The same round trips through a pair of SynchronousQueues: one op is a put and a take each way. */
  private static void queuePingPong(ThreadFactory factory) throws InterruptedException {
    SynchronousQueue<Integer> there = new SynchronousQueue<>(), back = new SynchronousQueue<>();
    Thread a = factory.newThread(() -> {
      try {
        for (int i = 0; i < ROUNDS; i++) {
          there.put(i);
          back.take();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Thread b = factory.newThread(() -> {
      try {
        for (int i = 0; i < ROUNDS; i++) back.put(there.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    a.start();
    b.start();
    a.join();
    b.join();
  }

  /** Two threads take turns ROUNDS times each; the turn is handed over with unpark. */
  private static void pingPong(ThreadFactory factory) throws InterruptedException {
    Turn turn = new Turn();
    Thread[] sides = new Thread[2];
    for (int me = 0; me < 2; me++) {
      int self = me;
      sides[me] = factory.newThread(() -> {
        for (int i = 0; i < ROUNDS; i++) {
          while (turn.owner != self) LockSupport.park();
          turn.owner = 1 - self;
          LockSupport.unpark(sides[1 - self]);
        }
      });
    }
    sides[0].start();
    sides[1].start();
    sides[0].join();
    sides[1].join();
  }

  private static final class Turn {
    volatile int owner;
  }
}

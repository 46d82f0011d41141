package dev.weft.bench.peers;

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
 * kotlinx.coroutines as the peer of the greenlet round trip (rendezvous-channel ping-pong) and of
 * task spawning ({@code launch { yield() }}), both on {@code runBlocking}'s single thread. Built
 * only with {@code -Ppeers} (bench/run).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@OperationsPerInvocation(KotlinCoroutineBenchmark.BATCH)
public class KotlinCoroutineBenchmark {
  static final int BATCH = 10_000;

  @Benchmark
  public long channelPingPong() {
    return KotlinPeers.channelPingPong(BATCH);
  }

  @Benchmark
  public int launchYield() {
    return KotlinPeers.launchYield(BATCH);
  }
}

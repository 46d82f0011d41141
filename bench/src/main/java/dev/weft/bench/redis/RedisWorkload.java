package dev.weft.bench.redis;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every client runs: {@code tasks} closed-loop callers, each alternating {@code SET key
 * value} and {@code GET key} on its own key, checking that the GET returns the value (a client that
 * answered wrongly would be fast for nothing). The window opens when the client has connected
 * ({@link #begin}), so that a client's start-up is not taken from its warm-up; requests completed
 * inside the measured part count, those of the warm-up before it do not.
 */
final class RedisWorkload {
  /** 16 bytes: small enough that the run measures the client and the protocol, not copying. */
  static final String VALUE = "weft-bench-value";

  final int tasks;
  private final long warmupNanos;
  private final long measureNanos;
  /* Set by begin(), before any caller starts: the callers see them through the hand-off that starts them. */
  private long measureStart;
  private long end;
  private final LongAdder counted = new LongAdder();

  private RedisWorkload(int tasks, long warmupNanos, long measureNanos) {
    this.tasks = tasks;
    this.warmupNanos = warmupNanos;
    this.measureNanos = measureNanos;
  }

  static RedisWorkload of(int tasks, double warmupSeconds, double measureSeconds) {
    return new RedisWorkload(tasks, (long) (warmupSeconds * 1e9), (long) (measureSeconds * 1e9));
  }

  /** Opens the window: warm-up from now, then the measured part. Once the connections are open, before the callers start. */
  void begin() {
    measureStart = System.nanoTime() + warmupNanos;
    end = measureStart + measureNanos;
  }

  static String key(int task) {
    return "weft:bench:" + task;
  }

  /** True while callers should go on issuing commands. */
  boolean running() {
    return System.nanoTime() < end;
  }

  /** Counts one reply that arrived now, if now is inside the window. */
  void replied() {
    long now = System.nanoTime();
    if (now >= measureStart && now <= end) counted.increment();
  }

  /** Fails the run if a GET did not return what the caller SET. */
  static void check(Object got) {
    String text = got instanceof byte[] ? new String((byte[]) got, StandardCharsets.UTF_8) : (String) got;
    if (!VALUE.equals(text)) throw new IllegalStateException("GET returned " + text + ", not the value SET");
  }

  double requestsPerSecond() {
    return counted.sum() / (measureNanos / 1e9);
  }
}

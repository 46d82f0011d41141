package dev.weft.bench.redis;

import dev.weft.examples.redis.LocalRedisServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Redis clients against one redis-server (issue 19): Weft's RESP client (weft-examples) on one
 * loop, Lettuce's async API (when built with {@code -Ppeers}; see LettuceRedis for its threads), and
 * redis-py's {@code redis.asyncio} on CPython (bench/python/redis_bench.py, Debian's
 * python3-redis), in one run. {@value #TASKS} closed-loop callers alternate SET and GET of a
 * 16-byte value, sharing one connection (pipelined) or each with its own. Prints tab-separated
 * lines ({@code workload<TAB>system<TAB>score<TAB>unit}): requests/s, and the time per request
 * (one over it, lower is better, as the report's other rows).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.weft.bench.redis.RedisBenchmark [--quick] [weft|lettuce|redis-py...]
 * </pre>
 *
 * Run from the repository root (the Python peer's script is found there).
 */
public final class RedisBenchmark {
  static final int TASKS = 100;
  static final int[] CONNECTIONS = {1, TASKS};
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path SCRIPT = Path.of("bench/python/redis_bench.py");

  private RedisBenchmark() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    List<String> wanted = new ArrayList<>();
    for (String a : args) {
      if (a.equals("--quick")) quick = true;
      else wanted.add(a);
    }
    if (wanted.isEmpty()) wanted = List.of("weft", "lettuce", "redis-py");
    double warmup = quick ? 1 : 3;
    double measure = quick ? 2 : 5;
    try (LocalRedisServer server = new LocalRedisServer()) {
      for (String key : wanted) {
        if (key.equals("redis-py")) {
          python(server, warmup, measure);
          continue;
        }
        RedisSystem system = system(key);
        if (system == null) {
          System.err.println("redis: no " + key + " in this build (Lettuce is built with -Ppeers)");
          continue;
        }
        for (int connections : CONNECTIONS) {
          RedisWorkload workload = RedisWorkload.of(TASKS, warmup, measure);
          CpuMeter client = CpuMeter.self();
          CpuMeter redis = CpuMeter.of(server.pid());
          system.run(server.port, connections, workload);
          print(connections, system.name(), workload.requestsPerSecond());
          cpu(client, redis);
        }
      }
    }
  }

  /** The report's workload name; bench/python/redis_bench.py prints the same. */
  static String workload(int connections, String metric) {
    return "Redis SET+GET 16 B, " + TASKS + " tasks, " + connections + " connection" + (connections == 1 ? "" : "s")
        + ": " + metric;
  }

  private static void print(int connections, String system, double rate) {
    if (rate <= 0) throw new IllegalStateException(system + " completed no request over " + connections + " connection(s)");
    System.out.printf(Locale.ROOT, "%s\t%s\t%.0f\trequests/s%n", workload(connections, "requests/s"), system, rate);
    System.out.printf(Locale.ROOT, "%s\t%s\t%.1f\tns/req%n", workload(connections, "time per request (1/throughput)"),
        system, 1e9 / rate);
    System.err.printf(Locale.ROOT, "redis %-24s %3d connection(s): %,10.0f requests/s%n", system, connections, rate);
  }

  /* Over the whole run, warm-up included (start-up is a small part of it): which side was the bottleneck. */
  private static void cpu(CpuMeter client, CpuMeter redis) {
    System.err.printf(Locale.ROOT, "redis   CPU: client %.2f cores, redis-server %.2f cores%n", client.cores(), redis.cores());
  }

  /* The CPython peer prints its own lines; they pass through, so one run's output is one table. */
  private static void python(LocalRedisServer server, double warmup, double measure) throws Exception {
    if (!Files.isExecutable(PYTHON) || !Files.isRegularFile(SCRIPT)) {
      System.err.println("redis: redis-py skipped (run from the repository root, with Debian's /usr/bin/python3)");
      return;
    }
    Process p = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), Integer.toString(server.port),
        Integer.toString(TASKS), Double.toString(warmup), Double.toString(measure))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    CpuMeter client = CpuMeter.of(p.pid());
    CpuMeter redis = CpuMeter.of(server.pid());
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        System.out.println(line);
        if (line.contains("ns/req")) { // its last line for one loop: the meters start again for the next
          cpu(client, redis);
          client = CpuMeter.of(p.pid());
          redis = CpuMeter.of(server.pid());
        }
      }
    }
    if (p.waitFor() != 0) System.err.println("redis: redis-py exited with " + p.exitValue() + "; its rows stay empty");
  }

  private static RedisSystem system(String key) throws ReflectiveOperationException {
    switch (key) {
      case "weft":
        return new WeftRedis();
      case "lettuce":
        try {
          return (RedisSystem) Class.forName("dev.weft.bench.redis.LettuceRedis").getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException builtWithoutPeers) {
          return null;
        }
      default:
        throw new IllegalArgumentException("unknown system " + key + "; expected weft, lettuce or redis-py");
    }
  }
}

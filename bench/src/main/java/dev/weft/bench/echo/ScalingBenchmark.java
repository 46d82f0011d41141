package dev.weft.bench.echo;

import java.util.List;
import java.util.Locale;

/**
 * Echo scaling over loop threads (issue 19): one echo server with 1 and 2 loops (Weft's
 * {@code EventLoopGroup}), with 1 and 2 event-loop threads (Netty's {@code NioEventLoopGroup}), and
 * as 1 and 2 uvloop processes sharing the port with {@code SO_REUSEPORT}, all against the same
 * plain-NIO {@link LoadGenerator} in this JVM, in one run. Prints tab-separated lines
 * ({@code workload<TAB>system<TAB>score<TAB>unit}, round trips per second: higher is better).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.weft.bench.echo.ScalingBenchmark [--quick] [system...]
 * </pre>
 *
 * Systems: {@code weft}, {@code netty}, {@code uvloop} (needs Debian's python3-uvloop).
 */
public final class ScalingBenchmark {
  static final int CONNECTIONS = 200;
  static final int CLIENT_THREADS = 2;
  static final int SIZE = 64;

  private ScalingBenchmark() {}

  /** A running echo server on loopback. */
  interface Running extends AutoCloseable {
    int port();
  }

  /** Starts a server of one kind with {@code loops} loop threads or processes. */
  @FunctionalInterface
  interface Starter {
    Running start(int loops) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    EchoArgs parsed = EchoArgs.parse(args, List.of("weft", "netty", "uvloop"));
    boolean quick = parsed.quick();
    List<String> wanted = parsed.systems();
    double warmup = quick ? 1 : 2;
    double measure = quick ? 2 : 5;
    for (String key : wanted) {
      for (int loops = 1; loops <= 2; loops++) {
        Starter starter = starter(key);
        String name = key + " x" + loops;
        try (Running server = starter.start(loops)) {
          double rate = LoadGenerator.roundTripsPerSecond(server.port(), CONNECTIONS, CLIENT_THREADS, SIZE, warmup, measure);
          System.out.printf(Locale.ROOT, "TCP echo %d B, %d connections, %d loop%s\t%s\t%.0f\tround trips/s%n",
              SIZE, CONNECTIONS, loops, loops == 1 ? "" : "s", key, rate);
          System.err.printf(Locale.ROOT, "scaling %-10s %,10.0f round trips/s%n", name, rate);
        } catch (UnsupportedOperationException absent) {
          System.err.println("scaling: " + name + " skipped: " + absent.getMessage());
        }
      }
    }
  }

  private static Starter starter(String key) {
    switch (key) {
      case "weft":
        return ScalingServers::weft;
      case "netty":
        return ScalingServers::netty;
      case "uvloop":
        return ScalingServers::uvloop;
      default:
        throw new IllegalArgumentException("unknown system " + key + "; expected weft, netty or uvloop");
    }
  }
}

package dev.weft.bench.echo;

import java.util.List;
import java.util.Locale;

/**
 * The TCP echo benchmark: for each system and message size, {@value #CONNECTIONS} closed-loop
 * clients on loopback against the system's own echo server, in this one JVM. Prints the report's
 * tab-separated lines ({@code workload<TAB>system<TAB>score<TAB>unit}): the time per message
 * (one over the throughput, so that, as everywhere in the report, lower is better) and the p99
 * round trip. A plain runner rather than JMH: the numbers come from every round trip of a timed
 * window, which JMH's per-invocation model does not give for a hundred sockets at once.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.weft.bench.echo.EchoBenchmark [--quick] [system...]
 * </pre>
 *
 * Systems: {@code weft}, {@code netty}, {@code vthreads} (present when built on JDK 21+).
 */
public final class EchoBenchmark {
  static final int CONNECTIONS = 100;
  static final int[] SIZES = {64, 4096};

  private EchoBenchmark() {}

  public static void main(String[] args) throws Exception {
    EchoArgs parsed = EchoArgs.parse(args, List.of("weft", "netty", "vthreads"));
    boolean quick = parsed.quick();
    List<String> wanted = parsed.systems();
    double warmup = quick ? 1 : 3;
    double measure = quick ? 2 : 5;
    for (String key : wanted) {
      EchoSystem system = system(key);
      if (system == null) {
        System.err.println("echo: no " + key + " in this build (virtual threads need a JDK 21+ build)");
        continue;
      }
      for (int size : SIZES) {
        Samples[] perClient = new Samples[CONNECTIONS];
        for (int i = 0; i < CONNECTIONS; i++) perClient[i] = new Samples();
        EchoPlan plan = EchoPlan.starting(CONNECTIONS, size, warmup, measure);
        system.run(plan, perClient);
        long[] rtt = Samples.merged(perClient);
        if (rtt.length == 0) throw new IllegalStateException(system.name() + " completed no round trip at " + size + " B");
        double perMessageNs = plan.measureSeconds() * 1e9 / rtt.length;
        double p99Micros = rtt[(int) Math.min(rtt.length - 1, Math.ceil(rtt.length * 0.99) - 1)] / 1e3;
        System.out.printf(Locale.ROOT, "%s\t%s\t%.1f\tns/msg%n", workload(size, "time per message (1/throughput)"), system.name(), perMessageNs);
        System.out.printf(Locale.ROOT, "%s\t%s\t%.1f\tus%n", workload(size, "p99 round trip"), system.name(), p99Micros);
        System.err.printf(Locale.ROOT, "echo %-28s %5d B: %,10.0f msg/s, p50 %8.1f us, p99 %8.1f us%n",
            system.name(), size, rtt.length / plan.measureSeconds(), rtt[rtt.length / 2] / 1e3, p99Micros);
      }
    }
  }

  /** The report's workload name; bench/python/echo.py prints the same. */
  static String workload(int size, String metric) {
    return "TCP echo " + (size < 1024 ? size + " B" : size / 1024 + " KB") + ", " + CONNECTIONS + " connections: " + metric;
  }

  private static EchoSystem system(String key) throws ReflectiveOperationException {
    switch (key) {
      case "weft":
        return new WeftEcho();
      case "netty":
        return new NettyEcho();
      case "vthreads":
        try {
          return (EchoSystem) Class.forName("dev.weft.bench.echo.VirtualThreadEcho").getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException builtOnJdk17) {
          return null;
        }
      default:
        throw new IllegalArgumentException("unknown system " + key + "; expected weft, netty or vthreads");
    }
  }
}

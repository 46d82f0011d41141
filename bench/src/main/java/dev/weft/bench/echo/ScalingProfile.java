package dev.weft.bench.echo;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Coroutine;
import dev.weft.asyncio.Server;
import dev.weft.asyncio.StreamReader;
import dev.weft.asyncio.StreamWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where {@link ScalingBenchmark}'s cores go (issue 19): runs its Weft and Netty servers with 1 and
 * 2 loops against the same {@link LoadGenerator} and prints, for the measured window, each
 * thread's CPU time as a share of the window (ThreadMXBean: server loops and load threads live in
 * this JVM), the machine's busy share from /proc/stat (what other processes took too), and for
 * Weft how many connections each loop served.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.weft.bench.echo.ScalingProfile [weft|netty|weft-busy|netty-busy...]
 * </pre>
 *
 * The {@code -busy} servers do {@value #BUSY_NANOS} ns of work per read before echoing it.
 */
public final class ScalingProfile {
  private static final double WARMUP = 2;
  private static final double MEASURE = 5;

  private ScalingProfile() {}

  public static void main(String[] args) throws Exception {
    List<String> systems = args.length == 0 ? List.of("weft", "netty") : List.of(args); // repeat a name to run it again
    for (String system : systems) {
      for (int loops = 1; loops <= 2; loops++) {
        Map<String, LongAdder> perLoop = new ConcurrentHashMap<>();
        try (ScalingBenchmark.Running server = server(system, loops, perLoop)) {
          Sampler sampler = new Sampler();
          sampler.start();
          double rate = LoadGenerator.roundTripsPerSecond(server.port(), ScalingBenchmark.CONNECTIONS,
              ScalingBenchmark.CLIENT_THREADS, ScalingBenchmark.SIZE, WARMUP, MEASURE);
          sampler.join();
          System.out.printf(Locale.ROOT, "%s x%d: %,.0f round trips/s; machine busy %.2f of %d cores%n", system, loops, rate,
              sampler.machineBusyCores, Runtime.getRuntime().availableProcessors());
          double[] loopsCpu = new double[1];
          double[] load = new double[1];
          sampler.cpuShare.forEach((name, share) -> {
            if (share >= 0.01) {
              System.out.printf(Locale.ROOT, "  %-28s %5.2f cores, %2.0f%% of it in the kernel%n", name, share,
                  100 * (1 - sampler.userShare.get(name) / share));
            }
            if (name.startsWith("load-")) load[0] += share;
            else if (name.startsWith("weft-group") || name.startsWith("nioEventLoopGroup")) loopsCpu[0] += share;
          });
          double jvm = sampler.cpuShare.values().stream().mapToDouble(Double::doubleValue).sum();
          System.out.printf(Locale.ROOT, "  CPU per round trip: server loops %.2f us, load generator %.2f us; other processes %.2f cores%n",
              loopsCpu[0] / rate * 1e6, load[0] / rate * 1e6, sampler.machineBusyCores - jvm);
          if (!perLoop.isEmpty()) System.out.println("  connections per loop: " + new TreeMap<>(perLoop));
          double trips = rate * sampler.wallSeconds;
          sampler.kernel.forEach((comm, c) -> {
            if (c[0] + c[1] > trips / 100) {
              System.out.printf(Locale.ROOT, "  %-16s per round trip: %.2f reads, %.2f writes, %.2f voluntary + %.2f forced switches%n",
                  comm, c[0] / trips, c[1] / trips, c[2] / trips, c[3] / trips);
            }
          });
        }
      }
    }
  }

  /*
   * The "-busy" servers spin this long on each read before echoing it: a server with work of its
   * own, so that it, not the load generator, needs the cores; whether a second loop then helps
   * is the scaling question the plain echo cannot ask on 2 cores.
   */
  private static final long BUSY_NANOS = 20_000;

  private static ScalingBenchmark.Running server(String system, int loops, Map<String, LongAdder> perLoop) throws Exception {
    switch (system) {
      case "weft":
        return ScalingServers.weft(loops, counted(perLoop, WeftEcho::echo));
      case "weft-busy":
        return ScalingServers.weft(loops, counted(perLoop, ScalingProfile::busyEcho));
      case "netty":
        return ScalingServers.netty(loops);
      case "netty-busy":
        return ScalingServers.netty(loops, new BusyNettyHandler());
      default:
        throw new IllegalArgumentException("unknown system " + system + "; expected weft, netty, weft-busy or netty-busy");
    }
  }

  /* Notes which loop thread each connection is served on. */
  private static Server.ClientConnected counted(Map<String, LongAdder> perLoop, Server.ClientConnected handler) {
    return (r, w) -> {
      perLoop.computeIfAbsent(Thread.currentThread().getName(), k -> new LongAdder()).increment();
      return handler.connected(r, w);
    };
  }

  private static Coroutine<Void> busyEcho(StreamReader reader, StreamWriter writer) {
    return Asyncio.async(() -> {
      for (byte[] data; (data = Asyncio.await(reader.read(64 * 1024))).length > 0; ) {
        spin();
        writer.write(data);
        Asyncio.await(writer.drain());
      }
      writer.close();
      return null;
    });
  }

  @io.netty.channel.ChannelHandler.Sharable
  private static final class BusyNettyHandler extends io.netty.channel.ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
      spin();
      ctx.write(msg);
    }

    @Override
    public void channelReadComplete(io.netty.channel.ChannelHandlerContext ctx) {
      ctx.flush();
    }
  }

  private static void spin() {
    for (long until = System.nanoTime() + BUSY_NANOS; System.nanoTime() < until; ) {
      Thread.onSpinWait();
    }
  }

  /** Snapshots every thread's CPU time at the start and end of the measured window. */
  private static final class Sampler extends Thread {
    final Map<String, Double> cpuShare = new TreeMap<>();
    final Map<String, Double> userShare = new TreeMap<>();
    /* By the kernel's thread name (comm, 15 characters: loops of one group share it): read and write system calls, voluntary and forced context switches. */
    final Map<String, long[]> kernel = new TreeMap<>();
    double machineBusyCores;
    double wallSeconds;

    Sampler() {
      super("cpu-sampler");
      setDaemon(true);
    }

    @Override
    public void run() {
      try {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Thread.sleep((long) (WARMUP * 1000) + 200); // the window starts once the load threads are connected and warm
        Map<Long, Long> before = times(mx);
        Map<Long, Long> userBefore = userTimes(mx);
        Map<String, long[]> kernel0 = kernelCounts();
        long[] stat0 = procStat();
        long t0 = System.nanoTime();
        Thread.sleep((long) (MEASURE * 1000) - 400);
        Map<Long, Long> after = times(mx);
        Map<Long, Long> userAfter = userTimes(mx);
        Map<String, long[]> kernel1 = kernelCounts();
        long[] stat1 = procStat();
        double wall = System.nanoTime() - t0;
        wallSeconds = wall / 1e9;
        kernel1.forEach((tid, c1) -> {
          long[] c0 = kernel0.get(tid);
          if (c0 == null) return;
          long[] sum = kernel.computeIfAbsent(comm(tid), k -> new long[4]);
          for (int i = 0; i < 4; i++) sum[i] += c1[i] - c0[i];
        });
        for (ThreadInfo info : mx.getThreadInfo(after.keySet().stream().mapToLong(Long::longValue).toArray())) {
          if (info == null) continue;
          long used = after.get(info.getThreadId()) - before.getOrDefault(info.getThreadId(), 0L);
          cpuShare.merge(info.getThreadName(), used / wall, Double::sum);
          long user = userAfter.getOrDefault(info.getThreadId(), 0L) - userBefore.getOrDefault(info.getThreadId(), 0L);
          userShare.merge(info.getThreadName(), user / wall, Double::sum);
        }
        long busy = stat1[0] - stat0[0];
        long total = stat1[1] - stat0[1];
        machineBusyCores = total == 0 ? 0 : (double) busy / total * Runtime.getRuntime().availableProcessors();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    private static Map<Long, Long> userTimes(ThreadMXBean mx) {
      Map<Long, Long> out = new java.util.HashMap<>();
      for (long id : mx.getAllThreadIds()) {
        long t = mx.getThreadUserTime(id);
        if (t >= 0) out.put(id, t);
      }
      return out;
    }

    private static Map<Long, Long> times(ThreadMXBean mx) {
      Map<Long, Long> out = new java.util.HashMap<>();
      for (long id : mx.getAllThreadIds()) {
        long t = mx.getThreadCpuTime(id);
        if (t >= 0) out.put(id, t);
      }
      return out;
    }

    /* Per kernel thread id of this process: syscr, syscw, voluntary and nonvoluntary context switches. */
    private static Map<String, long[]> kernelCounts() throws java.io.IOException {
      Map<String, long[]> out = new java.util.HashMap<>();
      try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
        for (Path task : (Iterable<Path>) tasks::iterator) {
          try {
            long[] c = new long[4];
            for (String line : Files.readAllLines(task.resolve("io"))) {
              if (line.startsWith("syscr:")) c[0] = Long.parseLong(line.substring(6).trim());
              if (line.startsWith("syscw:")) c[1] = Long.parseLong(line.substring(6).trim());
            }
            for (String line : Files.readAllLines(task.resolve("status"))) {
              if (line.startsWith("voluntary_ctxt_switches:")) c[2] = Long.parseLong(line.substring(24).trim());
              if (line.startsWith("nonvoluntary_ctxt_switches:")) c[3] = Long.parseLong(line.substring(27).trim());
            }
            out.put(task.getFileName().toString(), c);
          } catch (java.io.IOException gone) {
            // the thread ended between the listing and the read
          }
        }
      }
      return out;
    }

    private static String comm(String tid) {
      try {
        return Files.readString(Path.of("/proc/self/task", tid, "comm")).trim();
      } catch (java.io.IOException gone) {
        return "?";
      }
    }

    /* The aggregate cpu line: busy jiffies (all but idle and iowait) and the total. */
    private static long[] procStat() throws java.io.IOException {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) total += Long.parseLong(f[i]);
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    }
  }
}

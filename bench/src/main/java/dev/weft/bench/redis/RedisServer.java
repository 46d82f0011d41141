package dev.weft.bench.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's redis-server on a free loopback port, without persistence (a save in the middle of a
 * run would be measured too), stopped by {@link #close()}. Every client of one run talks to it.
 */
final class RedisServer implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/redis-server");

  final int port;
  private final Process process;

  RedisServer() throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) throw new IOException("no " + BINARY + " (Debian's redis-server package)");
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    process = new ProcessBuilder(BINARY.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--loglevel", "warning")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    for (;;) { // ready once it accepts: at this log level redis-server prints nothing to wait for
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) throw new IOException("redis-server exited with " + process.exitValue());
        if (System.nanoTime() > deadline) throw new IOException("redis-server did not listen on " + port + " in 15 s");
        Thread.sleep(20); // polling a process that cannot tell us
      }
    }
  }

  /** Its CPU time from now on. */
  CpuMeter cpu() {
    return CpuMeter.of(process.pid());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
  }
}

package dev.weft.examples.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code redis-server} on a free loopback port, without persistence (a save in the middle
 * of a test or a benchmark would be measured too), stopped by {@link #close()}: the peer the RESP
 * client's tests and the Redis benchmark talk to.
 *
 * <pre>{@code
 * try (LocalRedisServer server = new LocalRedisServer()) {
 *   String pong = Asyncio.run(() -> {
 *     RespClient redis = RespClient.connect("127.0.0.1", server.port);
 *     String reply = RespClient.text(redis.call("PING"));   // "PONG"
 *     redis.close();
 *     return reply;
 *   });
 *   System.out.println(pong);
 * }
 * }</pre>
 */
public final class LocalRedisServer implements AutoCloseable {
  /** Where Debian's redis-server package puts the server. */
  public static final Path BINARY = Path.of("/usr/bin/redis-server");

  /** The loopback port it listens on. */
  public final int port;
  private final Process process;

  /**
   * Starts it and waits until it accepts connections.
   *
   * @throws IOException if {@link #BINARY} is missing, or the server exits or does not listen within 15 s
   */
  public LocalRedisServer() throws IOException, InterruptedException {
    if (!installed()) throw new IOException("no " + BINARY + " (Debian's redis-server package)");
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

  /** Whether {@link #BINARY} exists, so a caller can skip instead of fail. */
  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** The server's process id (to read its CPU time, say). */
  public long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
  }
}

package dev.weft.asyncio.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An {@code openssl s_server} or {@code s_client} process: its stdin is what it sends (and, for
 * s_server, one-letter lines are its commands: {@code k} key update, {@code r} renegotiate,
 * {@code q} close_notify), its output lines are collected on a thread and waited for with a timeout.
 */
final class OpensslPeer implements AutoCloseable {
  static final long TIMEOUT_S = 15;

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  private OpensslPeer(List<String> command) throws IOException {
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), US_ASCII))) {
        for (String line; (line = out.readLine()) != null; ) lines.add(line);
      } catch (IOException ended) {
        // the process is gone; waiters time out with what was seen
      }
    }, "openssl-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** {@code openssl s_server} on a free loopback port, serving {@code pki}'s "server" certificate. */
  static OpensslPeer server(OpensslPki pki, int port, String... options) throws IOException, InterruptedException {
    // stdbuf: s_server's own lines (a command's result) reach us at once, not when its stdio buffer fills
    List<String> cmd = new ArrayList<>(List.of("stdbuf", "-oL", "openssl", "s_server", "-accept", "127.0.0.1:" + port, "-naccept", "1",
        "-cert", pki.cert("server").toString(), "-key", pki.key("server").toString()));
    cmd.addAll(List.of(options));
    OpensslPeer p = new OpensslPeer(cmd);
    p.expect("ACCEPT");
    return p;
  }

  /** {@code openssl s_client} to {@code port}, quiet, closing (close_notify) when its stdin ends. */
  static OpensslPeer client(OpensslPki pki, int port, String... options) {
    List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-quiet",
        "-no_ign_eof", "-verify_return_error", "-CAfile", pki.cert("server").toString()));
    cmd.addAll(List.of(options));
    try {
      return new OpensslPeer(cmd);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Waits for an output line containing {@code text}. */
  String expect(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    for (;;) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) throw new AssertionError("openssl never printed '" + text + "'; it printed " + seen);
      seen.add(line);
      if (line.contains(text)) return line;
    }
  }

  /** Writes {@code line} and a newline to its stdin. */
  void send(String line) {
    OutputStream in = process.getOutputStream();
    try {
      in.write((line + "\n").getBytes(US_ASCII));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("openssl's stdin; it printed " + seen, e);
    }
  }

  /** Ends its stdin: s_client then sends close_notify. */
  void endInput() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the process to exit; its exit code. */
  int waitExit() throws InterruptedException {
    if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) throw new AssertionError("openssl did not exit; it printed " + seen);
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}

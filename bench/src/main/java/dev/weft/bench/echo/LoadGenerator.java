package dev.weft.bench.echo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The same closed-loop clients for every server of {@link ScalingBenchmark}: plain NIO, {@code
 * threads} selector threads sharing {@code connections}, each connection writing {@code size}
 * bytes and waiting for all of them back before the next. Counts round trips completed inside the
 * measured window; shares no code with any server under test.
 */
final class LoadGenerator {
  private LoadGenerator() {}

  /** Round trips per second against {@code port}, measured for {@code measureSeconds} after {@code warmupSeconds}. */
  static double roundTripsPerSecond(int port, int connections, int threads, int size, double warmupSeconds,
      double measureSeconds) throws Exception {
    long start = System.nanoTime() + (long) (warmupSeconds * 1e9);
    long end = start + (long) (measureSeconds * 1e9);
    LongAdder counted = new LongAdder();
    List<Thread> workers = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int t = 0; t < threads; t++) {
      int share = connections / threads + (t < connections % threads ? 1 : 0);
      Thread w = new Thread(() -> {
        try {
          drive(port, share, size, start, end, counted);
        } catch (Throwable e) {
          failures.add(e);
        }
      }, "load-" + t);
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) w.join();
    if (!failures.isEmpty()) throw new IllegalStateException("load generator failed", failures.get(0));
    return counted.sum() / measureSeconds;
  }

  private static void drive(int port, int connections, int size, long start, long end, LongAdder counted)
      throws IOException {
    try (Selector selector = Selector.open()) {
      List<SocketChannel> channels = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.configureBlocking(false);
        Conn c = new Conn(size);
        ch.register(selector, SelectionKey.OP_READ, c);
        c.send(ch);
        channels.add(ch);
      }
      long local = 0;
      while (System.nanoTime() < end) {
        if (selector.select(100) == 0) continue;
        for (SelectionKey k : selector.selectedKeys()) {
          SocketChannel ch = (SocketChannel) k.channel();
          Conn c = (Conn) k.attachment();
          int r = ch.read(c.in);
          if (r < 0) throw new IOException("the server closed a connection");
          if (c.in.hasRemaining()) continue;
          long now = System.nanoTime();
          if (c.sentAt >= start && now <= end) local++;
          c.send(ch);
        }
        selector.selectedKeys().clear();
      }
      counted.add(local);
      for (SocketChannel ch : channels) ch.close();
    }
  }

  private static final class Conn {
    final ByteBuffer out;
    final ByteBuffer in;
    long sentAt;

    Conn(int size) {
      out = ByteBuffer.allocateDirect(size);
      in = ByteBuffer.allocateDirect(size);
    }

    /* Small messages fit the socket buffer: one write sends them whole, or the run is invalid. */
    void send(SocketChannel ch) throws IOException {
      out.clear();
      in.clear();
      sentAt = System.nanoTime();
      ch.write(out);
      if (out.hasRemaining()) throw new IOException("a " + out.capacity() + "-byte message did not fit the socket buffer");
    }
  }
}

package dev.weft.asyncio.load;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/** Misbehaving peers of an echo server, in plain blocking java.net (timeouts everywhere: a stuck server fails, never hangs). */
final class FaultPeers {
  static final int TIMEOUT_MS = 20_000;

  private FaultPeers() {}

  static Socket connect(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
    s.setSoTimeout(TIMEOUT_MS);
    return s;
  }

  /** Sends part of a line, then resets the connection (SO_LINGER 0 closes with RST). */
  static void resetMidMessage(int port) throws IOException {
    Socket s = connect(port);
    s.getOutputStream().write("half a li".getBytes(US_ASCII));
    s.getOutputStream().flush();
    s.setSoLinger(true, 0);
    s.close();
  }

  /** Sends {@code lines} then half-closes; returns all the server sent back before its EOF. */
  static String halfClose(int port, String lines) throws IOException {
    try (Socket s = connect(port)) {
      s.getOutputStream().write(lines.getBytes(US_ASCII));
      s.shutdownOutput();
      return new String(s.getInputStream().readAllBytes(), US_ASCII);
    }
  }

  /**
   * Sends a line of {@code length} bytes (past the server's limit); returns how the server ended
   * the connection: "eof", or "reset" (closing with unread data resets it).
   */
  static String overlongLine(int port, int length) throws IOException {
    try (Socket s = connect(port)) {
      byte[] line = new byte[length + 1];
      Arrays.fill(line, (byte) 'x');
      line[length] = '\n';
      try {
        s.getOutputStream().write(line);
        return s.getInputStream().read() < 0 ? "eof" : "data";
      } catch (SocketTimeoutException e) {
        return "still open";
      } catch (IOException e) {
        return "reset";
      }
    }
  }

  /** True if the server keeps {@code s} open: a read waits (times out) rather than meeting EOF. */
  static boolean stillOpen(Socket s) throws IOException {
    int old = s.getSoTimeout();
    s.setSoTimeout(200);
    try {
      return s.getInputStream().read() >= 0;
    } catch (SocketTimeoutException e) {
      return true;
    } finally {
      s.setSoTimeout(old);
    }
  }

  /**
   * A peer that sends numbered lines and does not read: non-blocking writes until no byte has moved
   * for {@code stallMillis}, or {@code cap} bytes were sent. Small socket buffers keep the kernel's
   * share small, so what is sent beyond them is what the server buffered.
   */
  static final class NonReader implements AutoCloseable {
    final SocketChannel channel;
    final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private int next;

    NonReader(int port) throws IOException {
      channel = SocketChannel.open();
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 16 * 1024);
      channel.setOption(StandardSocketOptions.SO_SNDBUF, 16 * 1024);
      channel.connect(new InetSocketAddress("127.0.0.1", port));
      channel.configureBlocking(false);
    }

    /** Writes until stalled (no room in the socket for {@code stallMillis}); returns the bytes sent. */
    long pushUntilStalled(long cap, long stallMillis) throws IOException {
      ByteBuffer pending = ByteBuffer.allocate(0);
      try (Selector selector = Selector.open()) {
        channel.register(selector, SelectionKey.OP_WRITE);
        while (sent.size() < cap) {
          if (!pending.hasRemaining()) {
            pending = ByteBuffer.wrap(String.format("line %08d %s%n", next++, "y".repeat(80)).getBytes(US_ASCII));
          }
          int before = pending.position();
          channel.write(pending);
          sent.write(pending.array(), before, pending.position() - before);
          if (pending.hasRemaining() && selector.select(stallMillis) == 0) break; // stalled: the server stopped reading
          selector.selectedKeys().clear();
        }
        channel.register(selector, 0);
      }
      return sent.size();
    }

    /** What was sent up to the last newline. */
    byte[] wholeLinesSent() {
      byte[] all = sent.toByteArray();
      int end = all.length;
      while (end > 0 && all[end - 1] != '\n') end--;
      return Arrays.copyOf(all, end);
    }

    /** Reads everything back (blocking, with the timeout) and returns it; the caller compares it with {@link #sent}. */
    byte[] drainEcho(long bytes) throws IOException {
      channel.configureBlocking(true);
      channel.socket().setSoTimeout(TIMEOUT_MS);
      InputStream in = channel.socket().getInputStream();
      return in.readNBytes((int) bytes);
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}

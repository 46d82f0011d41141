package dev.weft.asyncio;

import dev.weft.asyncio.internal.streams.Transport;
import java.io.UncheckedIOException;

/**
 * Python's {@code asyncio.StreamWriter}: the writing half of a connection. {@link #write} never
 * suspends; {@link #drain()} waits while too much is buffered.
 *
 * <pre>{@code
 * c.writer().write("hello\n".getBytes(StandardCharsets.UTF_8));
 * Asyncio.await(c.writer().drain());
 * c.writer().close();
 * Asyncio.await(c.writer().waitClosed());
 * }</pre>
 *
 * <p>Not thread-safe: use it on its loop's thread.
 */
public final class StreamWriter {
  private final Transport transport;

  StreamWriter(Transport transport) {
    this.transport = transport;
  }

  /* For the server that accepted the connection: closeClients / abortClients. */
  Transport transport() {
    return transport;
  }

  /**
   * Buffers {@code data} for sending; never suspends.
   *
   * @throws IllegalStateException after {@link #writeEof()} or {@link #close()}
   */
  public void write(byte[] data) {
    transport.write(data);
  }

  /**
   * A coroutine that waits while more than the high-water mark is buffered.
   *
   * @throws UncheckedIOException (when awaited) after the connection was lost ("Connection lost")
   */
  public Coroutine<Void> drain() {
    return Asyncio.async(() -> {
      transport.drain();
      return null;
    });
  }

  /** Closes the sending side once the buffer is flushed (Python's {@code write_eof}). */
  public void writeEof() {
    transport.writeEof();
  }

  /** Starts closing: the buffer is flushed, then the socket closed. */
  public void close() {
    transport.close();
  }

  /** True once {@link #close()} was called or the connection ended. */
  public boolean isClosing() {
    return transport.isClosing();
  }

  /** A coroutine that returns once the socket is closed. */
  public Coroutine<Void> waitClosed() {
    return Asyncio.async(() -> Asyncio.await(transport.closed()));
  }

  /**
   * Python's {@code get_extra_info}: {@code "peername"} and {@code "sockname"} (the remote and
   * local {@code InetSocketAddress}), {@code "socket"} (the {@code SocketChannel}); over TLS also
   * {@code "ssl_object"} (the {@code SSLEngine}), {@code "cipher"} (the suite's name) and
   * {@code "peercert"} (the peer's certificate, or null). Null for other names.
   */
  public Object getExtraInfo(String name) {
    return transport.extraInfo(name);
  }

  @Override
  public String toString() {
    return "StreamWriter[" + getExtraInfo("peername") + (isClosing() ? ", closing" : "") + "]";
  }
}

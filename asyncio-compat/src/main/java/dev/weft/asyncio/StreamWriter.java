package dev.weft.asyncio;

import dev.weft.asyncio.internal.streams.SslTransport;
import dev.weft.asyncio.internal.streams.Transport;
import java.io.UncheckedIOException;
import java.util.Objects;
import javax.net.ssl.SSLContext;

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
  private Transport transport;
  /* Null for a writer that cannot start TLS (a subprocess pipe). */
  private final TlsUpgrade upgrade;

  StreamWriter(Transport transport) {
    this(transport, null);
  }

  StreamWriter(Transport transport, TlsUpgrade upgrade) {
    this.transport = transport;
    this.upgrade = upgrade;
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

  /**
   * Closes the sending side once the buffer is flushed (Python's {@code write_eof}); reading goes
   * on. Over TLS it sends close_notify: with TLS 1.3 the peer may go on sending (a half-close, which
   * CPython's SSL transport refuses); with TLS 1.2 a close_notify ends both directions, so what
   * arrives after it is what the peer had sent before it saw ours, then the end of the stream.
   *
   * <pre>{@code
   * c.writer().write(request);
   * c.writer().writeEof();                       // the server reads to its end...
   * byte[] reply = Asyncio.await(c.reader().read(-1)); // ...and answers
   * }</pre>
   */
  public void writeEof() {
    transport.writeEof();
  }

  /** Python's {@code can_write_eof()}: true for sockets, TLS (see {@link #writeEof()}) and pipes. */
  public boolean canWriteEof() {
    return transport.canWriteEof();
  }

  /**
   * Python 3.11's {@code StreamWriter.start_tls(sslcontext)}: a coroutine that upgrades this plain
   * connection to TLS in place (STARTTLS), the handshake bounded by 60 seconds. A client checks the
   * certificate against the host the connection was opened to. See
   * {@link #startTls(SSLContext, String, Double)}.
   *
   * <pre>{@code
   * c.writer().write("STARTTLS\n".getBytes(US_ASCII));
   * Asyncio.await(c.reader().readline());          // the server's go-ahead, in plain text
   * Asyncio.await(c.writer().startTls(sslContext)); // the reader and writer now carry TLS
   * }</pre>
   */
  public Coroutine<Void> startTls(SSLContext sslContext) {
    return startTls(sslContext, null, null);
  }

  /**
   * Python's {@code start_tls(sslcontext, server_hostname=..., ssl_handshake_timeout=...)}: waits
   * for the buffer to drain, then runs the handshake over this connection, as the client or as the
   * server (as the connection was opened or accepted). Bytes the reader holds already stay there;
   * the ones after the peer's handshake are decrypted into it.
   *
   * @param serverHostname a client's name for the server's certificate (null: the host it was opened to)
   * @param sslHandshakeTimeout seconds (null: 60, as CPython; none on {@link VirtualTime}, which does not wait for sockets)
   * @throws IllegalStateException (when awaited) if the connection already uses TLS, is closing, or
   *     is not a socket
   * @throws IllegalArgumentException (when awaited) for a client with no host name to check
   * @throws UncheckedIOException (when awaited) wrapping the {@code SSLException} of a failed
   *     handshake, an {@code SSLHandshakeException} naming the timeout for one that took too long;
   *     the connection is closed then
   */
  public Coroutine<Void> startTls(SSLContext sslContext, String serverHostname, Double sslHandshakeTimeout) {
    Objects.requireNonNull(sslContext, "sslContext");
    if (sslHandshakeTimeout != null && !(sslHandshakeTimeout > 0)) {
      throw new IllegalArgumentException("ssl_handshake_timeout should be a positive number, got " + sslHandshakeTimeout);
    }
    return Asyncio.async(() -> {
      double timeout = sslHandshakeTimeout != null ? sslHandshakeTimeout
          : Streams.defaultHandshakeTimeout(Asyncio.getRunningLoop());
      if (transport instanceof SslTransport) throw new IllegalStateException("startTls: the connection already uses TLS");
      if (upgrade == null) {
        throw new IllegalStateException("startTls: only a socket connection can start TLS, not this "
            + transport.getClass().getSimpleName());
      }
      if (transport.isClosing()) throw new IllegalStateException("startTls: the transport is closing");
      transport.drain();
      transport = upgrade.start(transport, sslContext, serverHostname, timeout);
      return null;
    });
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

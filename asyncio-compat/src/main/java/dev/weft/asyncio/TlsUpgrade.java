package dev.weft.asyncio;

import dev.weft.asyncio.internal.streams.SocketTransport;
import dev.weft.asyncio.internal.streams.SslEngines;
import dev.weft.asyncio.internal.streams.SslTransport;
import dev.weft.asyncio.internal.streams.Transport;
import dev.weft.continuations.Suspend;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * What a plain stream's writer needs to put TLS under itself ({@link StreamWriter#startTls}): its
 * side (CPython's writer knows it by its protocol's client-connected callback), its reader, and
 * the host it was opened to, whose name the server's certificate is checked against by default.
 */
final class TlsUpgrade {
  private final EventLoop loop;
  private final StreamReader reader;
  private final boolean serverSide;
  private final String host;

  private TlsUpgrade(EventLoop loop, StreamReader reader, boolean serverSide, String host) {
    this.loop = loop;
    this.reader = reader;
    this.serverSide = serverSide;
    this.host = host;
  }

  /** A connection opened to {@code host} (null for a Unix socket, which has none). */
  static TlsUpgrade client(EventLoop loop, StreamReader reader, String host) {
    return new TlsUpgrade(loop, reader, false, host);
  }

  /** A connection a server accepted. */
  static TlsUpgrade server(EventLoop loop, StreamReader reader) {
    return new TlsUpgrade(loop, reader, true, null);
  }

  /**
   * Starts TLS over {@code current} and suspends until the handshake is done; the new transport.
   *
   * @throws IllegalStateException if {@code current} is not a plain socket transport, or is closing
   * @throws IllegalArgumentException for a client with no host name to check the certificate against
   */
  Transport start(Transport current, SSLContext ssl, String serverHostname, double handshakeTimeout) throws Suspend {
    if (!(current instanceof SocketTransport)) {
      throw new IllegalStateException("startTls: only a plain socket connection can start TLS, not this "
          + current.getClass().getSimpleName());
    }
    SocketTransport plain = (SocketTransport) current;
    SSLEngine engine;
    if (serverSide) {
      engine = SslEngines.server(ssl);
    } else {
      String name = serverHostname != null ? serverHostname : host;
      if (name == null) {
        throw new IllegalArgumentException("startTls: a serverHostname is needed to check the server's certificate"
            + " (this connection was not opened to a host name)");
      }
      Object peer = plain.extraInfo("peername");
      engine = SslEngines.client(ssl, name, peer instanceof InetSocketAddress ? ((InetSocketAddress) peer).getPort() : -1);
    }
    SslTransport tls = SslTransport.upgrade(loop.selectorLoop(), plain, engine, reader.protocol(), handshakeTimeout);
    reader.setTransport(tls);
    tls.awaitHandshake();
    return tls;
  }
}

package dev.weft.asyncio;

import dev.weft.asyncio.internal.streams.HostLookup;
import dev.weft.asyncio.internal.streams.NewProtocol;
import dev.weft.asyncio.internal.streams.ProtocolTransport;
import dev.weft.asyncio.internal.streams.SslEngines;
import dev.weft.asyncio.internal.streams.TcpConnect;
import dev.weft.asyncio.internal.streams.TcpListen;
import dev.weft.continuations.Suspend;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * CPython's {@code base_events} {@code create_connection}, {@code create_server} and
 * {@code start_tls}: the protocol layer's connections, and the listening sockets every server
 * shares, streams' included. Behind {@link EventLoop}'s methods of those names.
 */
final class TcpEndpoints {
  private TcpEndpoints() {}

  /**
   * Connects to the first address of {@code host} that accepts, makes the protocol and returns
   * once its {@code connectionMade} has run; over TLS once the handshake is done too.
   */
  static <P extends Protocol> StreamEndpoint<P> connect(EventLoop loop, Supplier<? extends P> factory, String host,
      int port, SSLContext ssl, String serverHostname, HostLookup.Resolver resolver) throws Suspend {
    SocketChannel ch = TcpConnect.connect(loop.selectorLoop(), HostLookup.resolve(loop, host, resolver), port);
    P protocol = NewProtocol.from(factory, ch);
    Future<Void> ready = loop.createFuture();
    Runnable setReady = () -> {
      if (!ready.done()) ready.setResult(null);
    };
    ProtocolTransport t = ssl == null
        ? ProtocolTransport.plain(loop.selectorLoop(), ch, protocol, setReady)
        : ProtocolTransport.tls(loop.selectorLoop(), ch, protocol, ssl,
            SslEngines.client(ssl, serverHostname != null ? serverHostname : host, port),
            Streams.defaultHandshakeTimeout(loop), setReady);
    Asyncio.await(ready);
    return new StreamEndpoint<>(t, protocol);
  }

  /** A server of {@code handler} on every address of {@code host} (null or empty: every interface). */
  static Server listen(EventLoop loop, Server.Handler handler, String host, int port, HostLookup.Resolver resolver,
      EventLoopGroup spread) throws Suspend {
    List<InetAddress> addresses = host == null || host.isEmpty() ? List.of() : HostLookup.resolveAll(loop, host, resolver);
    List<ServerSocketChannel> channels = TcpListen.bind(addresses, port);
    return new Server(loop, channels, handler, spread, null);
  }

  /**
   * CPython's {@code loop.start_tls(transport, protocol, sslcontext, server_side=...)}: TLS over a
   * plain transport of {@link EventLoop#createConnection} or {@link EventLoop#createServer}.
   */
  static Transport startTls(EventLoop loop, Transport transport, Protocol protocol, SSLContext ssl, boolean serverSide,
      String serverHostname, double handshakeTimeout) throws Suspend {
    if (!(transport instanceof ProtocolTransport)) {
      throw new IllegalArgumentException("transport " + transport + " is not supported by start_tls()");
    }
    ProtocolTransport t = (ProtocolTransport) transport;
    if (serverSide) {
      t.startTls(protocol, ssl, SslEngines.server(ssl), handshakeTimeout);
      return t;
    }
    if (serverHostname == null) {
      throw new IllegalArgumentException("startTls: a serverHostname is needed to check the server's certificate");
    }
    Object peer = t.peername();
    int port = peer instanceof InetSocketAddress ? ((InetSocketAddress) peer).getPort() : -1;
    t.startTls(protocol, ssl, SslEngines.client(ssl, serverHostname, port), handshakeTimeout);
    return t;
  }
}

package dev.weft.asyncio;

import dev.weft.asyncio.internal.loop.SelectorLoop;
import dev.weft.asyncio.internal.streams.HostLookup;
import dev.weft.asyncio.internal.streams.SocketTransport;
import dev.weft.asyncio.internal.streams.SslEngines;
import dev.weft.asyncio.internal.streams.SslTransport;
import dev.weft.asyncio.internal.streams.TcpConnect;
import dev.weft.continuations.Suspend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * CPython's {@code streams.py}: {@code open_connection} and {@code start_server}, and the wiring
 * of a connected socket into a reader and a writer over a transport. Behind {@link Asyncio}'s
 * stream functions and {@link Server}.
 */
final class Streams {
  private Streams() {}

  static Coroutine<Connection> openConnection(String host, int port, int limit, SSLContext ssl,
      HostLookup.Resolver resolver) {
    Objects.requireNonNull(host, "host");
    return Asyncio.async(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      StreamReader reader = new StreamReader(loop, limit);
      SocketChannel ch = TcpConnect.connect(loop.selectorLoop(), HostLookup.resolve(loop, host, resolver), port);
      if (ssl == null) return new Connection(reader, plain(loop, ch, reader, TlsUpgrade.client(loop, reader, host)));
      return new Connection(reader, tls(loop, ch, SslEngines.client(ssl, host, port), reader));
    });
  }

  /** {@link Asyncio#openConnection(String, int, int)} with {@code resolver} for names; for tests. */
  static Coroutine<Connection> openConnection(String host, int port, int limit, HostLookup.Resolver resolver) {
    return openConnection(host, port, limit, null, resolver);
  }

  static Coroutine<Server> startServer(Server.ClientConnected cb, String host, int port, SSLContext ssl,
      HostLookup.Resolver resolver) {
    return startServer(cb, host, port, ssl, resolver, null);
  }

  /** As above, handing the connections to the loops of {@code spread} in turn (null: all to this loop). */
  static Coroutine<Server> startServer(Server.ClientConnected cb, String host, int port, SSLContext ssl,
      HostLookup.Resolver resolver, EventLoopGroup spread) {
    Objects.requireNonNull(cb, "cb");
    return Asyncio.async(() -> TcpEndpoints.listen(Asyncio.getRunningLoop(),
        new StreamHandler(cb, StreamReader.DEFAULT_LIMIT, ssl), host, port, resolver, spread));
  }

  /** {@link Asyncio#startServer(Server.ClientConnected, String, int)} with {@code resolver} for names; for tests. */
  static Coroutine<Server> startServer(Server.ClientConnected cb, String host, int port, HostLookup.Resolver resolver) {
    return startServer(cb, host, port, null, resolver);
  }

  /** {@code open_unix_connection(path)}: a stream over a Unix domain socket. */
  static Coroutine<Connection> openUnixConnection(String path, int limit) {
    java.net.UnixDomainSocketAddress address = java.net.UnixDomainSocketAddress.of(Objects.requireNonNull(path, "path"));
    return Asyncio.async(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      StreamReader reader = new StreamReader(loop, limit);
      SocketChannel ch = TcpConnect.connect(loop.selectorLoop(), address);
      return new Connection(reader, plain(loop, ch, reader, TlsUpgrade.client(loop, reader, null)));
    });
  }

  /**
   * {@code start_unix_server(cb, path)}: a stale socket file at {@code path} (one no server holds)
   * is removed first, as CPython does; any other file there makes the bind fail.
   */
  static Coroutine<Server> startUnixServer(Server.ClientConnected cb, String path, int limit) {
    Objects.requireNonNull(cb, "cb");
    java.nio.file.Path file = java.nio.file.Path.of(Objects.requireNonNull(path, "path"));
    return Asyncio.async(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      ServerSocketChannel ch = null;
      try {
        if (isSocketFile(file)) java.nio.file.Files.delete(file);
        ch = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        ch.configureBlocking(false);
        ch.bind(java.net.UnixDomainSocketAddress.of(file), 100);
        return new Server(loop, List.of(ch), new StreamHandler(cb, limit, null), null, file);
      } catch (IOException e) {
        throw closedAfter(ch, e);
      }
    });
  }

  /* A listening socket that failed to bind is closed; the bind failure is what the caller sees. */
  private static UncheckedIOException closedAfter(ServerSocketChannel ch, IOException e) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
    }
    return new UncheckedIOException(e);
  }

  /* S_ISSOCK: only a socket file is taken for a stale one; a regular file is left to fail the bind. */
  private static boolean isSocketFile(java.nio.file.Path file) {
    try {
      int mode = (Integer) java.nio.file.Files.getAttribute(file, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
      return (mode & 0170000) == 0140000;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false; // absent, or a platform without unix attributes
    }
  }

  /** A plain stream on {@code ch}: {@code reader} gets the bytes and controls the flow; {@code upgrade} for startTls. */
  static StreamWriter plain(EventLoop loop, SocketChannel ch, StreamReader reader, TlsUpgrade upgrade) {
    SocketTransport t = new SocketTransport(loop.selectorLoop(), ch, reader.protocol());
    reader.setTransport(t);
    return new StreamWriter(t, upgrade);
  }

  /**
   * CPython's default {@code ssl_handshake_timeout}, 60 seconds; none on virtual time, whose clock
   * does not wait for sockets (see {@link VirtualTime}): the bound would end every handshake at once.
   */
  static double defaultHandshakeTimeout(EventLoop loop) {
    return loop.clock().isVirtual() ? 0 : SslTransport.DEFAULT_HANDSHAKE_TIMEOUT;
  }

  /**
   * TLS on {@code ch} with {@code engine}: suspends until the handshake is done, within
   * {@link #defaultHandshakeTimeout} (see {@link SslTransport#awaitHandshake()}).
   */
  static StreamWriter tls(EventLoop loop, SocketChannel ch, SSLEngine engine, StreamReader reader) throws Suspend {
    return tls(loop, ch, engine, reader, t -> {});
  }

  /** As above, telling {@code started} of the transport before the handshake (a server counts it from then on). */
  static StreamWriter tls(EventLoop loop, SocketChannel ch, SSLEngine engine, StreamReader reader,
      java.util.function.Consumer<dev.weft.asyncio.internal.streams.Transport> started) throws Suspend {
    SslTransport t = SslTransport.start(loop.selectorLoop(), ch, engine, reader.protocol(), defaultHandshakeTimeout(loop));
    reader.setTransport(t);
    started.accept(t);
    t.awaitHandshake();
    return new StreamWriter(t);
  }
}

package dev.weft.asyncio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import dev.weft.asyncio.internal.streams.SslEngines;
import dev.weft.asyncio.internal.streams.Transport;

/**
 * Python's {@code asyncio.Server}, from {@link Asyncio#startServer}: accepts connections and
 * hands each to the callback as a reader and a writer.
 *
 * <pre>{@code
 * Server server = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.async(() -> {
 *   w.write(Asyncio.await(r.readline()));          // echo one line
 *   w.close();
 *   return null;
 * }), "127.0.0.1", 0));
 * int port = server.port();
 * }</pre>
 */
public final class Server {
  /** What runs for each connection; a returned coroutine runs as a task (null: nothing to run). */
  @FunctionalInterface
  public interface ClientConnected {
    /** Called on the loop thread for a new connection. */
    Coroutine<?> connected(StreamReader reader, StreamWriter writer);
  }

  /* CPython's backlog argument bounds the accepts per wake-up; 100 is its default. */
  private static final int ACCEPT_BATCH = 100;

  private final EventLoop loop;
  private final ServerSocketChannel channel;
  private final ClientConnected callback;
  private final int limit;
  private final SSLContext ssl;
  private final Future<Void> closed;
  private final EventLoopGroup spread;
  /* A Unix server's socket file, removed when it closes (3.13's cleanup_socket); null for TCP. */
  private final java.nio.file.Path unixPath;
  /* The connections it accepted and that are not closed yet, each with the loop that serves it. */
  private final java.util.Set<Client> clients = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private boolean serving;

  /* The writer, not its transport: startTls puts a new transport under it. */
  private record Client(EventLoop loop, StreamWriter writer) {
    Transport transport() {
      return writer.transport();
    }
  }

  Server(EventLoop loop, ServerSocketChannel channel, ClientConnected callback, int limit, SSLContext ssl) {
    this(loop, channel, callback, limit, ssl, null);
  }

  /** A server whose connections go to the loops of {@code spread} in turn (null: all to {@code loop}). */
  Server(EventLoop loop, ServerSocketChannel channel, ClientConnected callback, int limit, SSLContext ssl,
      EventLoopGroup spread) {
    this(loop, channel, callback, limit, ssl, spread, null);
  }

  /** A server listening on {@code unixPath}, a socket file it removes when it closes. */
  Server(EventLoop loop, ServerSocketChannel channel, ClientConnected callback, int limit, java.nio.file.Path unixPath) {
    this(loop, channel, callback, limit, null, null, unixPath);
  }

  private Server(EventLoop loop, ServerSocketChannel channel, ClientConnected callback, int limit, SSLContext ssl,
      EventLoopGroup spread, java.nio.file.Path unixPath) {
    this.unixPath = unixPath;
    this.spread = spread;
    this.loop = loop;
    this.channel = channel;
    this.callback = callback;
    this.limit = limit;
    this.ssl = ssl;
    this.closed = loop.createFuture();
    loop.selectorLoop().addReader(channel, this::acceptReady);
    serving = true;
    if (unixPath != null) loop.selectorLoop().track(unixCleanup);
  }

  /* A closing loop takes a Unix server's socket and its file with it: nothing else would remove them. */
  private final dev.weft.asyncio.internal.loop.LoopResource unixCleanup = this::closeWithLoop;

  private void closeWithLoop() {
    serving = false;
    try {
      channel.close();
      java.nio.file.Files.deleteIfExists(unixPath);
    } catch (IOException e) {
      EventLoop.LOGGER.log(System.Logger.Level.DEBUG, "closing the Unix server on " + unixPath, e);
    }
  }

  /* Drains the backlog in one go, as CPython's _accept_connection: one wake-up per connection costs a loop iteration each. */
  private void acceptReady() {
    for (int i = 0; i < ACCEPT_BATCH && serving; i++) {
      SocketChannel client;
      try {
        client = channel.accept();
      } catch (IOException e) {
        Map<String, Object> context = new HashMap<>();
        context.put("message", "socket.accept() out of system resource");
        context.put("exception", new UncheckedIOException(e));
        loop.callExceptionHandler(context);
        return;
      }
      if (client == null) return;
      handOver(client);
    }
  }

  /* The accepted channel, never registered here, goes whole to the loop that serves it. */
  private void handOver(SocketChannel client) {
    EventLoop target = spread == null ? loop : spread.next();
    if (target == loop) {
      connected(loop, client);
      return;
    }
    try {
      target.callSoonThreadsafe(() -> connected(target, client));
    } catch (IllegalStateException closedLoop) { // the group is closing: refuse the connection
      try {
        client.close();
      } catch (IOException ignored) {
        // nothing more to do for a connection nobody will serve
      }
    }
  }

  private void connected(EventLoop loop, SocketChannel client) {
    StreamReader reader = new StreamReader(loop, limit);
    if (ssl == null) {
      start(loop, reader, Streams.plain(loop, client, reader, TlsUpgrade.server(loop, reader)));
      return;
    }
    loop.createTask(Asyncio.async(() -> {
      StreamWriter tls;
      try {
        tls = Streams.tls(loop, client, SslEngines.server(ssl), reader);
      } catch (UncheckedIOException e) { // the client's problem, not the server's: CPython logs it at debug level
        EventLoop.LOGGER.log(System.Logger.Level.DEBUG, "TLS handshake with a client failed", e);
        return null;
      }
      start(loop, reader, tls);
      return null;
    }));
  }

  private void start(EventLoop loop, StreamReader reader, StreamWriter writer) {
    Client client = new Client(loop, writer);
    clients.add(client);
    client.transport().closed().addCallback(f -> clients.remove(client), null);
    Coroutine<?> handler = callback.connected(reader, writer);
    if (handler != null) loop.createTask(handler); // its failures reach the exception handler as never retrieved
  }

  /**
   * The local addresses the server listens on, as CPython's {@code sockets} (one here).
   *
   * @throws IllegalStateException for a Unix server, which listens on a path: see {@link #addresses()}
   */
  public List<InetSocketAddress> sockets() {
    if (unixPath != null) {
      throw new IllegalStateException("a Unix server listens on " + unixPath + ", not on an internet address: use addresses()");
    }
    return List.of((InetSocketAddress) localAddress());
  }

  /** Every address the server listens on: {@code InetSocketAddress}es, or a Unix server's {@code UnixDomainSocketAddress}. */
  public List<java.net.SocketAddress> addresses() {
    return List.of(localAddress());
  }

  private java.net.SocketAddress localAddress() {
    try {
      return channel.getLocalAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port the server listens on (the one picked when 0 was asked). */
  public int port() {
    return sockets().get(0).getPort();
  }

  /**
   * Python 3.13's {@code close_clients()}: closes every connection it accepted that is still open
   * (what each has buffered is sent first), on the loop that serves it. The server keeps listening.
   */
  public void closeClients() {
    forEachClient(Transport::close);
  }

  /** Python 3.13's {@code abort_clients()}: as {@link #closeClients()}, dropping what is buffered. */
  public void abortClients() {
    forEachClient(Transport::abort);
  }

  private void forEachClient(java.util.function.Consumer<Transport> action) {
    for (Client c : List.copyOf(clients)) {
      if (c.loop() == loop || c.loop().onLoopThread()) action.accept(c.transport());
      else c.loop().callSoonThreadsafe(() -> action.accept(c.transport()));
    }
  }

  /** True while the server accepts connections. */
  public boolean isServing() {
    return serving;
  }

  /** Stops listening; connections already accepted are left open. */
  public void close() {
    if (!serving) return;
    serving = false;
    loop.selectorLoop().removeReader(channel);
    if (unixPath != null) loop.selectorLoop().untrack(unixCleanup);
    try {
      channel.close();
      if (unixPath != null) java.nio.file.Files.deleteIfExists(unixPath);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!closed.done()) closed.setResult(null);
    }
  }

  /** A coroutine that returns once the server is closed. */
  public Coroutine<Void> waitClosed() {
    return Asyncio.async(() -> Asyncio.await(closed));
  }

  /** A coroutine that serves until cancelled, then closes the server. */
  public Coroutine<Void> serveForever() {
    return Asyncio.async(() -> {
      try {
        return Asyncio.await(closed);
      } finally {
        close();
      }
    });
  }
}

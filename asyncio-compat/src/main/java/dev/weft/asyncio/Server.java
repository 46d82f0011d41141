package dev.weft.asyncio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code asyncio.Server}, from {@link Asyncio#startServer} (each connection handed to a
 * callback as a reader and a writer) or {@link EventLoop#createServer} (each to a new
 * {@link Protocol}): accepts connections on every address its host resolved to.
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

  /*
   * What the server makes of each accepted socket, on the loop that serves it (not always the
   * server's): a reader and writer for a ClientConnected (StreamHandler), or a protocol
   * (ProtocolHandler). Either reports the connection to track() once it is set up.
   */
  interface Handler {
    void accepted(EventLoop loop, SocketChannel client, Server server);
  }

  private final EventLoop loop;
  /* One per address the host resolved to (CPython's sockets). */
  private final List<ServerSocketChannel> channels;
  private final Handler handler;
  /* Done at close(): serveForever returns. */
  private final Future<Void> closed;
  /* Done once closed and every connection it accepted is closed too: 3.12's wait_closed. */
  private final Future<Void> drained;
  private final EventLoopGroup spread;
  /* A Unix server's socket file, removed when it closes (3.13's cleanup_socket); null for TCP. */
  private final java.nio.file.Path unixPath;
  /* The connections it accepted and that are not closed yet, each with the loop that serves it. */
  private final java.util.Set<Client> clients = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private boolean serving;

  /* How to close a connection: a stream's through its writer, since startTls puts a new transport under it. */
  private record Client(EventLoop loop, Runnable close, Runnable abort) {}

  /**
   * A server accepting on {@code channels} (non-blocking, bound), whose connections go to the
   * loops of {@code spread} in turn (null: all to {@code loop}); {@code unixPath} is the socket
   * file of a Unix server, which it removes when it closes (null for TCP).
   */
  Server(EventLoop loop, List<ServerSocketChannel> channels, Handler handler, EventLoopGroup spread,
      java.nio.file.Path unixPath) {
    this.unixPath = unixPath;
    this.spread = spread;
    this.loop = loop;
    this.channels = List.copyOf(channels);
    this.handler = handler;
    this.closed = loop.createFuture();
    this.drained = loop.createFuture();
    for (ServerSocketChannel ch : this.channels) loop.selectorLoop().addReader(ch, () -> acceptReady(ch));
    serving = true;
    if (unixPath != null) loop.selectorLoop().track(unixCleanup);
  }

  /* A closing loop takes a Unix server's socket and its file with it: nothing else would remove them. */
  private final dev.weft.asyncio.internal.loop.LoopResource unixCleanup = this::closeWithLoop;

  private void closeWithLoop() {
    serving = false;
    try {
      for (ServerSocketChannel ch : channels) ch.close();
      java.nio.file.Files.deleteIfExists(unixPath);
    } catch (IOException e) {
      EventLoop.LOGGER.log(System.Logger.Level.DEBUG, "closing the Unix server on " + unixPath, e);
    }
  }

  /* Drains the backlog in one go, as CPython's _accept_connection: one wake-up per connection costs a loop iteration each. */
  private void acceptReady(ServerSocketChannel channel) {
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
      handler.accepted(loop, client, this);
      return;
    }
    try {
      target.callSoonThreadsafe(() -> handler.accepted(target, client, this));
    } catch (IllegalStateException closedLoop) { // the group is closing: refuse the connection
      try {
        client.close();
      } catch (IOException ignored) {
        // nothing more to do for a connection nobody will serve
      }
    }
  }

  /**
   * Counts a connection set up on {@code serving} (its thread) until {@code done}: for
   * {@link #closeClients()}, {@link #abortClients()} and {@link #waitClosed()}.
   */
  void track(EventLoop serving, Runnable close, Runnable abort, Future<Void> done) {
    Client client = new Client(serving, close, abort);
    clients.add(client);
    done.addCallback(f -> {
      clients.remove(client);
      if (serving == loop) maybeDrained();
      else loop.callSoonThreadsafe(this::maybeDrained);
    }, null);
  }

  private void maybeDrained() {
    if (!this.serving && clients.isEmpty() && !drained.done()) drained.setResult(null);
  }

  /**
   * The local addresses the server listens on, as CPython's {@code sockets}: one for each address
   * its host resolved to, or the one wildcard socket of every interface.
   *
   * @throws IllegalStateException for a Unix server, which listens on a path: see {@link #addresses()}
   */
  public List<InetSocketAddress> sockets() {
    if (unixPath != null) {
      throw new IllegalStateException("a Unix server listens on " + unixPath + ", not on an internet address: use addresses()");
    }
    List<InetSocketAddress> sockets = new java.util.ArrayList<>();
    for (java.net.SocketAddress a : addresses()) sockets.add((InetSocketAddress) a);
    return List.copyOf(sockets);
  }

  /** Every address the server listens on: {@code InetSocketAddress}es, or a Unix server's {@code UnixDomainSocketAddress}. */
  public List<java.net.SocketAddress> addresses() {
    List<java.net.SocketAddress> addresses = new java.util.ArrayList<>();
    try {
      for (ServerSocketChannel ch : channels) addresses.add(ch.getLocalAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(addresses);
  }

  /** The port the server listens on (the one picked when 0 was asked, the same on every socket). */
  public int port() {
    return sockets().get(0).getPort();
  }

  /**
   * Python 3.13's {@code close_clients()}: closes every connection it accepted that is still open
   * (what each has buffered is sent first), on the loop that serves it. The server keeps listening.
   */
  public void closeClients() {
    forEachClient(Client::close);
  }

  /** Python 3.13's {@code abort_clients()}: as {@link #closeClients()}, dropping what is buffered. */
  public void abortClients() {
    forEachClient(Client::abort);
  }

  private void forEachClient(java.util.function.Function<Client, Runnable> action) {
    for (Client c : List.copyOf(clients)) {
      if (c.loop() == loop || c.loop().onLoopThread()) action.apply(c).run();
      else c.loop().callSoonThreadsafe(action.apply(c));
    }
  }

  /** True while the server accepts connections. */
  public boolean isServing() {
    return serving;
  }

  /** Stops listening; connections already accepted are left open (see {@link #closeClients()}). */
  public void close() {
    if (!serving) return;
    serving = false;
    if (unixPath != null) loop.selectorLoop().untrack(unixCleanup);
    UncheckedIOException failure = null;
    for (ServerSocketChannel ch : channels) {
      loop.selectorLoop().removeReader(ch);
      try {
        ch.close();
      } catch (IOException e) {
        if (failure == null) failure = new UncheckedIOException(e);
        else failure.addSuppressed(e);
      }
    }
    try {
      if (unixPath != null) java.nio.file.Files.deleteIfExists(unixPath);
    } catch (IOException e) {
      if (failure == null) failure = new UncheckedIOException(e);
      else failure.addSuppressed(e);
    }
    if (!closed.done()) closed.setResult(null);
    maybeDrained();
    if (failure != null) throw failure;
  }

  /**
   * Python 3.12's {@code wait_closed()}: a coroutine that returns once the server is closed and
   * every connection it accepted is closed too (called before {@link #close()}, it waits for
   * that as well).
   *
   * <pre>{@code
   * server.close();
   * server.closeClients();                    // or let each handler finish
   * Asyncio.await(server.waitClosed());       // returns once the last connection is closed
   * }</pre>
   */
  public Coroutine<Void> waitClosed() {
    return Asyncio.async(() -> Asyncio.await(drained));
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

package dev.weft.asyncio;

import dev.weft.asyncio.internal.datagram.UdpEndpoints;
import dev.weft.asyncio.internal.loop.SelectorLoop;
import dev.weft.asyncio.internal.loop.SelectorRegistry;
import dev.weft.asyncio.internal.streams.SockOps;
import dev.weft.continuations.Context;
import java.nio.channels.SelectableChannel;
import java.util.Objects;

/**
 * The public calls of CPython's {@code selector_events.BaseSelectorEventLoop}: watching channels
 * ({@code add_reader} and friends) and the socket awaits ({@code sock_recv} and friends). It is
 * {@link EventLoop}'s superclass only so that the loop's public surface can live in files of one concern each;
 * users see these methods on {@code EventLoop}. Loop thread only.
 */
abstract class BaseSelectorEventLoop extends BaseEventLoop {
  /* selector_events' registry: which channels are watched, with which handles. */
  final SelectorRegistry io = new SelectorRegistry();

  BaseSelectorEventLoop() {}

  /** The loop as its transports and socket operations see it. */
  abstract SelectorLoop selectorLoop();

  // ---- watching channels (add_reader, remove_reader, add_writer, remove_writer) ---------------

  /**
   * Python's {@code loop.add_reader}: runs {@code callback} (in a copy of the current context) in
   * every iteration in which {@code channel} can be read, or accepted from, until
   * {@link #removeReader}; a second call replaces the callback.
   *
   * <pre>{@code
   * Pipe pipe = Pipe.open();
   * pipe.source().configureBlocking(false);
   * loop.addReader(pipe.source(), () -> drain(pipe.source()));
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code channel} is in blocking mode ("the channel must be
   *     non-blocking")
   * @throws IllegalStateException if the loop is closed ("Event loop is closed")
   */
  public void addReader(SelectableChannel channel, Runnable callback) {
    watch(channel, callback, true);
  }

  /** Python's {@code loop.remove_reader}: stops watching {@code channel} for reads; true if it was watched. */
  public boolean removeReader(SelectableChannel channel) {
    Objects.requireNonNull(channel, "channel");
    return !selectorLoop().loop().isClosed() && io.removeReader(channel);
  }

  /**
   * Python's {@code loop.add_writer}: runs {@code callback} in every iteration in which
   * {@code channel} can be written, until {@link #removeWriter}; a second call replaces it.
   *
   * @throws IllegalArgumentException if {@code channel} is in blocking mode
   * @throws IllegalStateException if the loop is closed ("Event loop is closed")
   */
  public void addWriter(SelectableChannel channel, Runnable callback) {
    watch(channel, callback, false);
  }

  /** Python's {@code loop.remove_writer}: stops watching {@code channel} for writes; true if it was watched. */
  public boolean removeWriter(SelectableChannel channel) {
    Objects.requireNonNull(channel, "channel");
    return !selectorLoop().loop().isClosed() && io.removeWriter(channel);
  }

  private void watch(SelectableChannel channel, Runnable callback, boolean reader) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(callback, "callback");
    EventLoop loop = selectorLoop().loop();
    loop.checkClosed();
    if (loop.threadChecks) loop.checkThread();
    if (channel.isBlocking()) throw new IllegalArgumentException("the channel must be non-blocking");
    Handle h = new Handle(callback, loop, Context.copyCurrent());
    if (reader) io.addReader(channel, h);
    else io.addWriter(channel, writeOps(channel), h);
  }

  private static int writeOps(SelectableChannel channel) {
    return channel.validOps() & java.nio.channels.SelectionKey.OP_WRITE;
  }

  // ---- protocols and transports (create_connection, create_server, start_tls) ---------------------

  /**
   * Python's {@code loop.create_connection(protocol_factory, host, port)}: a coroutine that
   * connects a TCP socket to {@code host:port} (a literal address or {@code localhost} as is; any
   * other name looked up off the loop thread, its addresses tried in turn), makes the protocol,
   * and resolves once its {@code connectionMade} has run.
   *
   * <pre>{@code
   * class Client implements Protocol {
   *   final Future<String> reply = Asyncio.getRunningLoop().createFuture();
   *   public void connectionMade(Transport t) { t.write("ping\n".getBytes(UTF_8)); }
   *   public void dataReceived(byte[] data) { if (!reply.done()) reply.setResult(new String(data, UTF_8).strip()); }
   * }
   * StreamEndpoint<Client> c = Asyncio.await(loop.createConnection(Client::new, "127.0.0.1", 8888));
   * System.out.println(Asyncio.await(c.protocol().reply));    // what the server answered
   * c.transport().close();
   * }</pre>
   *
   * @throws NullPointerException if {@code protocolFactory} or {@code host} is null
   * @throws java.io.UncheckedIOException (when awaited) wrapping the failure to connect, such as a
   *     {@code ConnectException}, or an {@code UnknownHostException} for a name that does not resolve
   */
  public <P extends Protocol> Coroutine<StreamEndpoint<P>> createConnection(
      java.util.function.Supplier<? extends P> protocolFactory, String host, int port) {
    return createConnection(protocolFactory, host, port, null, null);
  }

  /**
   * {@link #createConnection(java.util.function.Supplier, String, int)} over TLS when {@code ssl}
   * is not null ({@code create_connection(..., ssl=context, server_hostname=...)}): resolves once
   * the handshake is done, and only then is the protocol's {@code connectionMade} called. The
   * server's certificate must name {@code serverHostname} (null: {@code host}), which also goes
   * out as SNI; the handshake is bounded by 60 seconds (none on {@link VirtualTime}).
   *
   * @throws IllegalArgumentException if {@code serverHostname} is given without {@code ssl}
   *     ("server_hostname is only meaningful with ssl")
   * @throws java.io.UncheckedIOException (when awaited) as above, or wrapping the
   *     {@code SSLException} of a failed handshake; the socket is closed then
   */
  public <P extends Protocol> Coroutine<StreamEndpoint<P>> createConnection(
      java.util.function.Supplier<? extends P> protocolFactory, String host, int port,
      javax.net.ssl.SSLContext ssl, String serverHostname) {
    Objects.requireNonNull(protocolFactory, "protocolFactory");
    Objects.requireNonNull(host, "host");
    if (serverHostname != null && ssl == null) throw new IllegalArgumentException("server_hostname is only meaningful with ssl");
    EventLoop loop = selectorLoop().loop();
    return Asyncio.async(() -> TcpEndpoints.connect(loop, protocolFactory, host, port, ssl, serverHostname,
        dev.weft.asyncio.internal.streams.HostLookup.SYSTEM));
  }

  /**
   * Python's {@code loop.create_server(protocol_factory, host, port)}: a coroutine that listens on
   * {@code port} (0: a free one) of every address {@code host} resolves to, IPv4 and IPv6, as
   * CPython does ({@code localhost} included; null or empty: every interface), and resolves to
   * the serving {@link Server}; each connection gets a new protocol from the factory.
   *
   * <pre>{@code
   * class Upper implements Protocol {
   *   Transport transport;
   *   public void connectionMade(Transport t) { transport = t; }
   *   public void dataReceived(byte[] data) { transport.write(new String(data, UTF_8).toUpperCase().getBytes(UTF_8)); }
   * }
   * Server server = Asyncio.await(loop.createServer(Upper::new, "localhost", 0));
   * System.out.println(server.sockets());      // one address per address of localhost
   * }</pre>
   *
   * <p><b>Compared with Python:</b> port 0 picks one port that every socket shares (CPython lets
   * each pick its own), and "every interface" is one dual-stack socket, as the JDK has no
   * {@code IPV6_V6ONLY}. A protocol factory that throws is reported to the exception handler and
   * the connection closed.
   *
   * @throws java.io.UncheckedIOException (when awaited) wrapping a {@code BindException}
   *     ("error while attempting to bind on address ('127.0.0.1', 8888): address already in use"),
   *     or an {@code UnknownHostException} for a name that does not resolve
   */
  public Coroutine<Server> createServer(java.util.function.Supplier<? extends Protocol> protocolFactory, String host, int port) {
    return createServer(protocolFactory, host, port, null);
  }

  /**
   * {@link #createServer(java.util.function.Supplier, String, int)} over TLS when {@code ssl} is
   * not null: each connection's handshake runs first, then its protocol's {@code connectionMade};
   * a client whose handshake fails is closed, its protocol told nothing (logged at DEBUG, as
   * CPython does).
   */
  public Coroutine<Server> createServer(java.util.function.Supplier<? extends Protocol> protocolFactory, String host,
      int port, javax.net.ssl.SSLContext ssl) {
    Objects.requireNonNull(protocolFactory, "protocolFactory");
    EventLoop loop = selectorLoop().loop();
    return Asyncio.async(() -> TcpEndpoints.listen(loop, new ProtocolHandler(protocolFactory, ssl), host, port,
        dev.weft.asyncio.internal.streams.HostLookup.SYSTEM, null));
  }

  /**
   * Python's {@code loop.start_tls(transport, protocol, sslcontext, server_side=..., server_hostname=...)}:
   * a coroutine that upgrades a plain transport of {@link #createConnection} or
   * {@link #createServer} to TLS in place (STARTTLS) and returns the transport to use from now on,
   * once the handshake is done (bounded by 60 seconds; none on {@link VirtualTime}).
   * {@code protocol} (usually the transport's own) gets what is read from now on, and is not told
   * (no second {@code connectionMade}); what was delivered stays delivered, and everything read
   * after is the peer's handshake, then ciphertext. Reading resumes, as in CPython: a server may
   * {@code pauseReading()} when it says "go ahead", so that the client's handshake waits for it.
   *
   * <pre>{@code
   * transport.write("STARTTLS\r\n".getBytes(US_ASCII));
   * // ... once the server said go ahead, in plain text:
   * transport = Asyncio.await(loop.startTls(transport, protocol, sslContext, false, "mail.example.org"));
   * }</pre>
   *
   * <p><b>Compared with Python:</b> the transport returned is the one passed in, now over TLS,
   * where CPython returns a new one and leaves the old one unusable; {@code canWriteEof()} stays
   * true (see {@link StreamWriter#writeEof()} for what a TLS half-close does).
   *
   * @param serverHostname a client's name for the server's certificate, also sent as SNI; ignored
   *     for {@code serverSide}
   * @throws IllegalArgumentException if {@code transport} did not come from this loop's
   *     {@code createConnection} or {@code createServer} ("transport ... is not supported by
   *     start_tls()"), or for a client without {@code serverHostname} ("check_hostname requires
   *     server_hostname")
   * @throws IllegalStateException (when awaited) if the transport already uses TLS or is closing
   * @throws java.io.UncheckedIOException (when awaited) wrapping the {@code SSLException} of a
   *     failed handshake; the connection is closed then, and the protocol's
   *     {@code connectionLost} receives it
   */
  public Coroutine<Transport> startTls(Transport transport, Protocol protocol, javax.net.ssl.SSLContext sslContext,
      boolean serverSide, String serverHostname) {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(sslContext, "sslContext");
    if (!(transport instanceof dev.weft.asyncio.internal.streams.ProtocolTransport)) {
      throw new IllegalArgumentException("transport " + transport + " is not supported by start_tls()");
    }
    if (!serverSide && serverHostname == null) throw new IllegalArgumentException("check_hostname requires server_hostname");
    EventLoop loop = selectorLoop().loop();
    return Asyncio.async(() -> TcpEndpoints.startTls(loop, transport, protocol, sslContext, serverSide, serverHostname,
        Streams.defaultHandshakeTimeout(loop)));
  }

  // ---- datagrams (create_datagram_endpoint) -----------------------------------------------------

  /**
   * Python's {@code loop.create_datagram_endpoint(protocol_factory, local_addr, remote_addr)}: a
   * coroutine that opens a UDP socket, bound to {@code localAddr} and/or connected to
   * {@code remoteAddr} (either may be null, not both; host names are resolved off the loop),
   * makes the protocol and resolves once its {@code connectionMade} has run. Closing the loop
   * closes the socket if the transport was not closed.
   *
   * <pre>{@code
   * DatagramEndpoint<Echo> server = Asyncio.await(loop.createDatagramEndpoint(Echo::new,
   *     new InetSocketAddress("127.0.0.1", 0), null));
   * InetSocketAddress where = (InetSocketAddress) server.transport().getExtraInfo("sockname");
   * }</pre>
   *
   * @throws IllegalArgumentException if both addresses are null, or one is not an
   *     {@code InetSocketAddress} ("unexpected address family")
   * @throws java.io.UncheckedIOException (when awaited) wrapping the failure to bind or connect
   */
  public <P extends DatagramProtocol> Coroutine<DatagramEndpoint<P>> createDatagramEndpoint(
      java.util.function.Supplier<? extends P> protocolFactory, java.net.SocketAddress localAddr,
      java.net.SocketAddress remoteAddr) {
    Objects.requireNonNull(protocolFactory, "protocolFactory");
    if (localAddr == null && remoteAddr == null) {
      throw new IllegalArgumentException("unexpected address family: give a local address, a remote address or both");
    }
    return Asyncio.async(() -> UdpEndpoints.open(selectorLoop(), protocolFactory, localAddr, remoteAddr));
  }

  // ---- sendfile -----------------------------------------------------------------------------

  /**
   * Python's {@code loop.sendfile(transport, file, offset, count)}: a coroutine that sends
   * {@code count} bytes of {@code file} from {@code offset} (null: to its end) over
   * {@code writer}'s connection, after what it has buffered, and returns how many it sent; the
   * file's position is then {@code offset} plus that. Over a plain socket the kernel copies the
   * file ({@code FileChannel.transferTo}); over TLS it is read and written in chunks (CPython's
   * fallback). {@code writer.write} is refused while it runs.
   *
   * <pre>{@code
   * try (FileChannel f = FileChannel.open(Path.of("index.html"))) {
   *   long sent = Asyncio.await(loop.sendfile(writer, f, 0, null));
   * }
   * }</pre>
   *
   * @throws IllegalArgumentException for a negative offset or a count that is not positive
   * @throws IllegalStateException (when awaited) if the writer is closing
   */
  public Coroutine<Long> sendfile(StreamWriter writer, java.nio.channels.FileChannel file, long offset, Long count) {
    Objects.requireNonNull(writer, "writer");
    Objects.requireNonNull(file, "file");
    if (offset < 0) throw new IllegalArgumentException("offset must be a non-negative integer (got " + offset + ")");
    if (count != null && count <= 0) throw new IllegalArgumentException("count must be a positive integer (got " + count + ")");
    return Asyncio.async(() -> {
      long sent = writer.transport().sendfile(file, offset, count == null ? -1 : count);
      try {
        if (sent > 0) file.position(offset + sent);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return sent;
    });
  }

  // ---- socket awaits (sock_recv, sock_sendall, sock_connect, sock_accept) --------------------


  /**
   * Python's {@code loop.sock_recv}: a coroutine that reads up to {@code n} bytes from
   * {@code sock} as soon as any arrive; an empty array at the end of the stream. Waiting
   * registers {@code sock} with this loop's selector; cancelling the wait unregisters it.
   *
   * <pre>{@code
   * SocketChannel sock = SocketChannel.open();
   * sock.configureBlocking(false);
   * Asyncio.await(loop.sockConnect(sock, new InetSocketAddress("127.0.0.1", 8888)));
   * Asyncio.await(loop.sockSendall(sock, "ping\n".getBytes(UTF_8)));
   * byte[] reply = Asyncio.await(loop.sockRecv(sock, 1024));
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code sock} is in blocking mode ("the socket must be
   *     non-blocking") or {@code n} is negative
   * @throws java.io.UncheckedIOException (when awaited) wrapping the read's failure
   */
  public Coroutine<byte[]> sockRecv(java.nio.channels.SocketChannel sock, int n) {
    SockOps.checkNonBlocking(sock);
    if (n < 0) throw new IllegalArgumentException("negative buffersize in recv: " + n);
    return Asyncio.async(() -> SockOps.recv(selectorLoop(), sock, n));
  }

  /**
   * Python's {@code loop.sock_sendall}: a coroutine that sends all of {@code data}, waiting
   * whenever the socket's buffer is full. What is not sent at once is copied, so the caller may
   * reuse its array after the call.
   *
   * @throws IllegalArgumentException if {@code sock} is in blocking mode
   * @throws java.io.UncheckedIOException (when awaited) wrapping the write's failure, such as a
   *     reset by the peer
   */
  public Coroutine<Void> sockSendall(java.nio.channels.SocketChannel sock, byte[] data) {
    SockOps.checkNonBlocking(sock);
    Objects.requireNonNull(data, "data");
    return Asyncio.async(() -> {
      SockOps.sendall(selectorLoop(), sock, data);
      return null;
    });
  }

  /**
   * Python's {@code loop.sock_connect}: a coroutine that connects {@code sock} to
   * {@code address}. An unresolved address is looked up first, off the loop thread.
   *
   * @throws IllegalArgumentException if {@code sock} is in blocking mode
   * @throws java.io.UncheckedIOException (when awaited) wrapping the failure, such as a
   *     {@code ConnectException}
   */
  public Coroutine<Void> sockConnect(java.nio.channels.SocketChannel sock, java.net.SocketAddress address) {
    SockOps.checkNonBlocking(sock);
    Objects.requireNonNull(address, "address");
    return Asyncio.async(() -> {
      SockOps.connect(selectorLoop(), sock, address);
      return null;
    });
  }

  /**
   * Python's {@code loop.sock_accept}: a coroutine that waits for a connection on
   * {@code sock} and returns it, in non-blocking mode ({@code getRemoteAddress()} is Python's
   * {@code address}).
   *
   * @throws IllegalArgumentException if {@code sock} is in blocking mode
   * @throws java.io.UncheckedIOException (when awaited) wrapping the failure to accept
   */
  public Coroutine<java.nio.channels.SocketChannel> sockAccept(java.nio.channels.ServerSocketChannel sock) {
    SockOps.checkNonBlocking(sock);
    return Asyncio.async(() -> SockOps.accept(selectorLoop(), sock));
  }

}

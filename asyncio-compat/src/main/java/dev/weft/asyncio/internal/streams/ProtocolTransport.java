package dev.weft.asyncio.internal.streams;

import dev.weft.asyncio.Future;
import dev.weft.asyncio.internal.loop.SelectorLoop;
import dev.weft.continuations.Suspend;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The public {@link dev.weft.asyncio.Transport} over a {@link SocketTransport} (or TLS over one),
 * delivering to a user's {@link dev.weft.asyncio.Protocol} with CPython's rules, which the
 * stream reader does not need: {@code connectionMade} and {@code connectionLost} come in loop
 * iterations of their own, {@code eofReceived}'s answer decides whether the transport closes, a
 * protocol callback that throws is a fatal error, and writes after {@code close()} are dropped.
 * The socket transport underneath does the I/O and the buffering. Loop thread only.
 */
public final class ProtocolTransport implements dev.weft.asyncio.Transport, Protocol {
  private static final System.Logger LOGGER = System.getLogger("dev.weft.asyncio");
  /* CPython's LOG_THRESHOLD_FOR_CONNLOST_WRITES. */
  private static final int WARN_AFTER_LOST_WRITES = 5;

  private final SelectorLoop loop;
  /* The user's; start_tls may hand the connection to another. */
  private dev.weft.asyncio.Protocol protocol;
  /* What writes go to: the socket, or TLS over it after startTls. */
  private Transport inner;
  /* The socket under inner: its buffer is this transport's. */
  private SocketTransport raw;
  private SSLContext sslContext;
  private boolean closing;
  private boolean eofWritten;
  /* The peer's EOF was delivered; the socket reports the end again when it closes. */
  private boolean peerEof;
  private boolean paused;
  /* Writes after close, from 1 once closing: CPython's _conn_lost. */
  private int connLost;
  private RuntimeException lost;

  private ProtocolTransport(SelectorLoop loop, dev.weft.asyncio.Protocol protocol) {
    this.loop = loop;
    this.protocol = protocol;
  }

  /**
   * Reads {@code channel} into {@code protocol}: schedules its {@code connectionMade}, then
   * {@code ready}, so whoever waits for {@code ready} sees it done (CPython's transport
   * {@code __init__}). A read can only be seen in a later select, after both.
   */
  public static ProtocolTransport plain(SelectorLoop loop, SocketChannel channel, dev.weft.asyncio.Protocol protocol,
      Runnable ready) {
    ProtocolTransport t = new ProtocolTransport(loop, protocol);
    t.raw = new SocketTransport(loop, channel, t);
    t.inner = t.raw;
    t.started(ready);
    return t;
  }

  /**
   * TLS on {@code channel}: suspends until the handshake is done, then as {@link #plain}. The
   * protocol hears nothing before, as CPython's SSL protocol calls {@code connection_made} only
   * then; of a failed handshake, nothing at all.
   *
   * @throws java.io.UncheckedIOException wrapping the handshake's failure; the socket is closed
   */
  public static ProtocolTransport tls(SelectorLoop loop, SocketChannel channel, dev.weft.asyncio.Protocol protocol,
      SSLContext ssl, SSLEngine engine, double handshakeTimeout, Runnable ready) throws Suspend {
    return tls(loop, channel, protocol, ssl, engine, handshakeTimeout, ready, t -> {});
  }

  /** As above, telling {@code started} of the transport before the handshake (a server counts it from then on). */
  public static ProtocolTransport tls(SelectorLoop loop, SocketChannel channel, dev.weft.asyncio.Protocol protocol,
      SSLContext ssl, SSLEngine engine, double handshakeTimeout, Runnable ready,
      java.util.function.Consumer<ProtocolTransport> started) throws Suspend {
    ProtocolTransport t = new ProtocolTransport(loop, protocol);
    SslTransport tls = SslTransport.start(loop, channel, engine, t, handshakeTimeout);
    t.raw = tls.raw();
    t.inner = tls;
    t.sslContext = ssl;
    started.accept(t);
    tls.awaitHandshake();
    t.started(ready);
    return t;
  }

  private void started(Runnable ready) {
    loop.loop().callSoon(() -> protocol.connectionMade(this));
    loop.loop().callSoon(ready);
    // a done callback runs in an iteration after the one that closed the socket, as CPython's connection_lost
    inner.closed().addDoneCallback(f -> lostConnection());
  }

  /**
   * CPython's {@code loop.start_tls}: TLS over this plain connection from now on, suspending until
   * the handshake is done; {@code protocol} (usually the same) gets what is read from now on, and
   * is not told of the upgrade. Bytes delivered stay delivered; what is read from now on is the
   * peer's handshake, then ciphertext.
   *
   * @throws IllegalStateException if the connection already uses TLS, or is closing
   * @throws java.io.UncheckedIOException wrapping the handshake's failure; the connection is closed
   */
  public void startTls(dev.weft.asyncio.Protocol protocol, SSLContext ssl, SSLEngine engine, double handshakeTimeout)
      throws Suspend {
    if (inner != raw) throw new IllegalStateException("startTls: the transport already uses TLS");
    if (isClosing()) throw new IllegalStateException("startTls: the transport is closing");
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    SslTransport tls = SslTransport.upgrade(loop, raw, engine, this, handshakeTimeout);
    paused = false; // as CPython's start_tls: reading resumes, so a server may pause it until it upgrades
    inner = tls;
    sslContext = ssl;
    tls.awaitHandshake();
  }

  /** The peer's address, for a client's TLS engine. */
  public Object peername() {
    return raw.extraInfo("peername");
  }

  // ---- from the socket (or TLS) ----------------------------------------------------------------

  @Override
  public void dataReceived(ByteBuffer data) {
    byte[] copy = new byte[data.remaining()];
    data.get(copy);
    try {
      protocol.dataReceived(copy);
    } catch (RuntimeException e) {
      fatal(e, "Fatal error: protocol.data_received() call failed.");
    }
  }

  /* The socket says "end" for the peer's EOF and again when it closes; only the first one, unasked, is the peer's. */
  @Override
  public void eofReceived() {
    if (closing || peerEof) return;
    peerEof = true;
    boolean keepOpen;
    try {
      keepOpen = protocol.eofReceived();
    } catch (RuntimeException e) {
      fatal(e, "Fatal error: protocol.eof_received() call failed.");
      return;
    }
    if (!keepOpen) close();
  }

  @Override
  public void connectionLost(RuntimeException e) {
    if (lost == null) lost = e;
    closing = true;
    if (connLost == 0) connLost = 1;
  }

  @Override
  public void pauseWriting() {
    callFlowControl(protocol::pauseWriting, "protocol.pause_writing() failed");
  }

  @Override
  public void resumeWriting() {
    callFlowControl(protocol::resumeWriting, "protocol.resume_writing() failed");
  }

  private void callFlowControl(Runnable callback, String message) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      loop.loop().callExceptionHandler(context(message, e));
    }
  }

  /* CPython's _fatal_error: reported, then the transport aborted with it, so connectionLost gets it. */
  private void fatal(RuntimeException e, String message) {
    loop.loop().callExceptionHandler(context(message, e));
    if (lost == null) lost = e;
    abort();
  }

  private Map<String, Object> context(String message, RuntimeException e) {
    Map<String, Object> context = new HashMap<>();
    context.put("message", message);
    context.put("exception", e);
    context.put("transport", this);
    context.put("protocol", protocol);
    return context;
  }

  private void lostConnection() {
    closing = true;
    if (connLost == 0) connLost = 1;
    protocol.connectionLost(lost);
  }

  // ---- to the socket ---------------------------------------------------------------------------

  @Override
  public void write(byte[] data) {
    Objects.requireNonNull(data, "data");
    if (eofWritten) throw new IllegalStateException("Cannot call write() after write_eof()");
    if (data.length == 0) return;
    if (connLost > 0) {
      if (connLost >= WARN_AFTER_LOST_WRITES) LOGGER.log(Level.WARNING, "socket.send() raised exception.");
      connLost++;
      return;
    }
    inner.write(data);
  }

  @Override
  public void writeEof() {
    if (closing || eofWritten) return;
    eofWritten = true;
    inner.writeEof();
  }

  @Override
  public boolean canWriteEof() {
    return inner.canWriteEof();
  }

  @Override
  public void close() {
    if (closing) return;
    closing = true;
    connLost = 1;
    inner.close();
  }

  @Override
  public void abort() {
    closing = true;
    if (connLost == 0) connLost = 1;
    inner.abort();
  }

  @Override
  public boolean isClosing() {
    return closing || inner.isClosing();
  }

  @Override
  public Object getExtraInfo(String name) {
    Objects.requireNonNull(name, "name");
    if (name.equals("sslcontext")) return sslContext;
    return inner.extraInfo(name);
  }

  @Override
  public void pauseReading() {
    if (!isReading()) return;
    paused = true;
    inner.pauseReading();
  }

  @Override
  public void resumeReading() {
    if (isClosing() || !paused) return;
    paused = false;
    inner.resumeReading();
  }

  @Override
  public boolean isReading() {
    return !paused && !isClosing();
  }

  @Override
  public void setWriteBufferLimits(Integer high, Integer low) {
    int h = high != null ? high : low != null ? 4 * low : SocketTransport.HIGH_WATER;
    int l = low != null ? low : h / 4;
    if (!(h >= l && l >= 0)) {
      throw new IllegalArgumentException("high (" + h + ") must be >= low (" + l + ") must be >= 0");
    }
    raw.setWriteBufferLimits(h, l);
  }

  @Override
  public int getWriteBufferSize() {
    return raw.writeBufferSize();
  }

  /** Done once the socket is closed; for the server that counts its connections. */
  public Future<Void> closed() {
    return inner.closed();
  }

  @Override
  public String toString() {
    return "Transport[" + (isClosing() ? "closing" : "open") + ", peername=" + getExtraInfo("peername") + "]";
  }
}

package dev.weft.asyncio.internal.streams;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Future;
import dev.weft.asyncio.internal.loop.SelectorLoop;
import dev.weft.continuations.Suspend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * TLS over a {@link SocketTransport}, CPython's {@code sslproto.SSLProtocol}: ciphertext from the
 * socket is unwrapped into the stream reader's {@link Protocol}, the writer's bytes are wrapped on their way
 * out. The handshake runs on the loop thread (the engine's delegated tasks too, as CPython runs
 * OpenSSL's).
 *
 * <p>Application bytes are held while a handshake is under way, the first one or a renegotiation
 * the peer asked for (TLS 1.2's HelloRequest), and sent once it is done: OpenSSL refuses an
 * application record in the middle of a handshake. {@link #drain()} waits while too much is held.
 * A handshake that waits on the peer longer than the handshake timeout aborts the connection.
 *
 * <p>{@link #writeEof()} sends close_notify and goes on reading: with TLS 1.3 the peer may still
 * send (a real half-close); with TLS 1.2 a close_notify ends both directions (RFC 5246 7.2.1), so
 * what arrives after it is only what the peer had sent before it saw ours, up to its close_notify.
 */
public final class SslTransport implements Transport, Protocol {
  /** CPython's {@code constants.SSL_HANDSHAKE_TIMEOUT}, in seconds. */
  public static final double DEFAULT_HANDSHAKE_TIMEOUT = 60.0;
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
  /* As the socket transport's high-water mark: drain() waits while more is held for a handshake. */
  private static final long HELD_HIGH_WATER = 64 * 1024;

  private final SSLEngine engine;
  /* Where the plaintext goes: the stream reader. */
  private final Protocol reader;
  private final Future<Void> handshake;
  private final HandshakeDeadline deadline;
  /* The writer's bytes while a handshake is under way, in order. */
  private final HeldWrites held;
  private SocketTransport raw;
  private ByteBuffer netIn;
  private ByteBuffer appIn;
  private ByteBuffer netOut;
  private boolean handshaken;
  private boolean closing;
  private boolean eofWritten;
  private boolean peerClosed;
  private RuntimeException lost;

  private SslTransport(SelectorLoop loop, SSLEngine engine, Protocol reader, double handshakeTimeout) {
    this.engine = engine;
    this.reader = reader;
    this.handshake = loop.loop().createFuture();
    this.deadline = new HandshakeDeadline(loop.loop(), handshakeTimeout, this::timedOut);
    this.held = new HeldWrites(loop.loop());
    netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
  }

  /**
   * Starts TLS on a fresh {@code channel}, delivering the plaintext to {@code reader}, the handshake
   * bounded by {@code handshakeTimeout} seconds; see {@link #awaitHandshake()}.
   */
  public static SslTransport start(SelectorLoop loop, SocketChannel channel, SSLEngine engine, Protocol reader,
      double handshakeTimeout) {
    SslTransport t = new SslTransport(loop, engine, reader, handshakeTimeout);
    t.raw = new SocketTransport(loop, channel, t);
    t.begin();
    return t;
  }

  /**
   * CPython's {@code loop.start_tls}: TLS over {@code plain}, a socket transport that carried plain
   * bytes until now. What it delivered before stays with its reader; every byte it reads from now
   * on is the peer's handshake and then ciphertext.
   *
   * @throws IllegalStateException if {@code plain} is closing
   */
  public static SslTransport upgrade(SelectorLoop loop, SocketTransport plain, SSLEngine engine, Protocol reader,
      double handshakeTimeout) {
    if (plain.isClosing()) throw new IllegalStateException("startTls: the transport is closing");
    SslTransport t = new SslTransport(loop, engine, reader, handshakeTimeout);
    t.raw = plain;
    plain.setProtocol(t);
    plain.resumeReading(); // the handshake must read, whatever the reader's flow control said
    t.begin();
    return t;
  }

  private void begin() {
    deadline.start("SSL handshake");
    try {
      engine.beginHandshake();
    } catch (SSLException e) {
      fail(e);
    }
    pump();
  }

  /**
   * Suspends until the handshake is done.
   *
   * @throws UncheckedIOException wrapping the {@link SSLException} of a failed handshake (an
   *     {@link SSLHandshakeException} for a certificate that is not trusted, or for a handshake
   *     that outlived its timeout), or the socket's error
   */
  public void awaitHandshake() throws Suspend {
    boolean done = false;
    try {
      Asyncio.await(handshake);
      done = true;
    } finally {
      if (!done) { // failed or cancelled: the socket goes with it
        closing = true;
        deadline.cancel();
        raw.close();
      }
    }
  }

  // ---- from the socket ------------------------------------------------------------------------

  @Override
  public void dataReceived(ByteBuffer data) {
    if (netIn.remaining() < data.remaining()) netIn = grow(netIn, netIn.position() + data.remaining());
    netIn.put(data);
    pump();
  }

  @Override
  public void eofReceived() {
    deadline.cancel();
    if (lost != null) return;
    if (!handshaken && !closing) {
      fail(new SSLHandshakeException("Connection closed by the peer during the TLS handshake"));
    } else {
      if (handshaken && !ready()) { // in a renegotiation: what is held can never be sent
        lost = new UncheckedIOException(new SSLException("Connection closed by the peer during a TLS renegotiation"));
        held.release(connectionLostError());
      }
      if (!peerClosed) reader.eofReceived(); // without close_notify: CPython's streams take it as EOF too
    }
  }

  @Override
  public void connectionLost(RuntimeException e) {
    deadline.cancel();
    if (lost == null) lost = e;
    held.release(connectionLostError());
    reader.connectionLost(e);
    if (!handshake.done()) handshake.setException(e);
  }

  /*
   * Drives the engine until it needs bytes from the peer. A whole record is unwrapped whenever one
   * is buffered, whatever the handshake status says: a post-handshake message (a KeyUpdate, a
   * NewSessionTicket, a HelloRequest) often arrives in the same read as application data.
   */
  private void pump() {
    try {
      while (lost == null) {
        HandshakeStatus hs = engine.getHandshakeStatus();
        if (hs == HandshakeStatus.NEED_TASK) {
          for (Runnable task; (task = engine.getDelegatedTask()) != null; ) task.run();
          continue;
        }
        if (hs == HandshakeStatus.NEED_WRAP) {
          if (wrap(EMPTY) == 0) break; // nothing to say after all (the engine is closed): never spin
          continue;
        }
        if (hs == HandshakeStatus.NEED_UNWRAP) {
          deadline.start(handshaken ? "TLS renegotiation" : "SSL handshake");
        } else {
          settled();
        }
        if (lost != null || engine.isInboundDone() || !unwrap()) break;
      }
    } catch (SSLException e) {
      fail(e);
    }
    closeIfBothDone();
  }

  /** Unwraps one record if a whole one is buffered; false when more bytes must come first. */
  private boolean unwrap() throws SSLException {
    netIn.flip();
    SSLEngineResult r;
    try {
      r = engine.unwrap(netIn, appIn);
    } finally {
      netIn.compact();
    }
    if (appIn.position() > 0) {
      appIn.flip();
      reader.dataReceived(appIn);
      appIn.clear();
    }
    switch (r.getStatus()) {
      case BUFFER_OVERFLOW:
        appIn = grow(appIn, appIn.capacity() + engine.getSession().getApplicationBufferSize());
        return true;
      case BUFFER_UNDERFLOW:
        int packet = engine.getSession().getPacketBufferSize();
        if (netIn.capacity() < packet) netIn = grow(netIn, packet);
        return false;
      case CLOSED: // the peer's close_notify; with TLS 1.2 the engine answers with its own (NEED_WRAP)
        if (!peerClosed) {
          peerClosed = true;
          reader.eofReceived();
        }
        return r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP;
      default: // progress, or a handshake step for pump() to take
        HandshakeStatus hs = r.getHandshakeStatus();
        return r.bytesConsumed() > 0 || r.bytesProduced() > 0
            || (hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.NEED_UNWRAP);
    }
  }

  /* No handshake under way: the first one is done, or a renegotiation ended; held bytes go out. */
  private void settled() {
    deadline.cancel();
    if (!handshaken) {
      handshaken = true;
      if (!handshake.done()) handshake.setResult(null);
    }
    while (!held.isEmpty() && ready()) {
      if (!wrapData(held.poll())) return;
    }
    if (!held.isEmpty()) return;
    held.release(null);
    if (closing) {
      sendCloseNotify();
      raw.close();
    } else if (eofWritten) {
      sendCloseNotify();
    }
  }

  /* Both directions ended with close_notify: nothing more can cross the socket. */
  private void closeIfBothDone() {
    if (lost == null && engine.isInboundDone() && engine.isOutboundDone()) raw.close();
  }

  private void fail(SSLException e) {
    if (lost != null) return;
    deadline.cancel();
    UncheckedIOException wrapped = new UncheckedIOException(e);
    lost = wrapped;
    held.release(connectionLostError());
    reader.connectionLost(wrapped);
    if (!handshake.done()) handshake.setException(wrapped);
    try {
      wrap(EMPTY); // the alert the engine has for the peer, if any
    } catch (SSLException | RuntimeException alertFailed) {
      e.addSuppressed(alertFailed);
    }
    raw.close();
  }

  /* The handshake deadline passed: CPython's ConnectionAbortedError, an SSLHandshakeException here. */
  private void timedOut(String message) {
    if (lost != null) return;
    UncheckedIOException e = new UncheckedIOException(new SSLHandshakeException(message));
    lost = e;
    held.release(connectionLostError());
    reader.connectionLost(e);
    if (!handshake.done()) handshake.setException(e);
    raw.abort();
  }

  // ---- to the socket --------------------------------------------------------------------------

  /* Application records may go out: no handshake under way (OpenSSL refuses them in the middle of one). */
  private boolean ready() {
    return handshaken && engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
  }

  /** Wraps {@code src} into records for the socket until it is used up or the engine takes no more; the bytes produced. */
  private int wrap(ByteBuffer src) throws SSLException {
    int produced = 0;
    for (;;) {
      netOut.clear();
      SSLEngineResult r = engine.wrap(src, netOut);
      if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        netOut = ByteBuffer.allocate(netOut.capacity() + engine.getSession().getPacketBufferSize());
        continue;
      }
      if (netOut.position() > 0) {
        raw.write(Arrays.copyOf(netOut.array(), netOut.position()));
        produced += netOut.position();
      }
      if (r.getStatus() == SSLEngineResult.Status.CLOSED || !src.hasRemaining()) return produced;
      if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) return produced; // a handshake began: the rest waits
    }
  }

  /* Wraps application bytes; false (the rest held, first in line) when a handshake began meanwhile. */
  private boolean wrapData(byte[] data) {
    ByteBuffer src = ByteBuffer.wrap(data);
    try {
      wrap(src);
    } catch (SSLException e) {
      fail(e);
      return true;
    }
    if (!src.hasRemaining()) return true;
    held.putBack(Arrays.copyOfRange(data, src.position(), data.length));
    return false;
  }

  /**
   * Sends {@code data} once no handshake is under way; never suspends.
   *
   * @throws IllegalStateException after {@link #writeEof()} or {@link #close()}, or once the peer's
   *     TLS 1.2 close_notify closed this side as well
   */
  @Override
  public void write(byte[] data) {
    if (closing) throw new IllegalStateException("Cannot call write() after close()");
    if (eofWritten) throw new IllegalStateException("Cannot call write() after write_eof()");
    if (lost != null || data.length == 0) return; // as the socket transport: drain() reports the loss
    if (engine.isOutboundDone()) {
      throw new IllegalStateException("Cannot call write(): the peer closed the " + engine.getSession().getProtocol()
          + " connection with close_notify, which before TLS 1.3 ends both directions");
    }
    if (!ready() || !held.isEmpty()) {
      held.add(data.clone());
      return;
    }
    wrapData(data); // what the engine does not take is copied: the caller may reuse its array
  }

  /** Waits while the socket has too much to send, and while too much waits for a handshake to end. */
  @Override
  public void drain() throws Suspend {
    if (lost != null) throw connectionLostError();
    held.awaitAtMost(HELD_HIGH_WATER);
    raw.drain();
  }

  private UncheckedIOException connectionLostError() {
    return new UncheckedIOException("Connection lost", new IOException("Connection lost", lost));
  }

  /**
   * Sends close_notify after what is buffered and keeps reading: Python's {@code write_eof}, which
   * CPython's SSL transport refuses and TLS 1.3 allows. With TLS 1.2 the peer answers with its own
   * close_notify and the connection ends.
   */
  @Override
  public void writeEof() {
    if (closing || eofWritten) return;
    eofWritten = true;
    if (lost == null && held.isEmpty() && ready()) sendCloseNotify();
  }

  @Override
  public boolean canWriteEof() {
    return true;
  }

  private void sendCloseNotify() {
    if (engine.isOutboundDone()) return;
    engine.closeOutbound();
    try {
      wrap(EMPTY);
    } catch (SSLException e) {
      fail(e);
      return;
    }
    closeIfBothDone();
  }

  /** Sends what is held (after a handshake under way), then close_notify, then closes the socket. */
  @Override
  public void close() {
    if (closing) return;
    closing = true;
    if (lost != null || !handshaken) {
      deadline.cancel();
      raw.close();
      abandonHandshake();
      return;
    }
    if (!held.isEmpty() || !ready()) return; // settled() finishes once the handshake is done
    sendCloseNotify();
    raw.close();
  }

  /** No close_notify: the socket closes at once. */
  @Override
  public void abort() {
    closing = true;
    deadline.cancel();
    held.release(new IllegalStateException("the transport was aborted"));
    raw.abort();
    abandonHandshake();
  }

  /* Closed before the handshake ended (a server's closeClients, say): whoever awaits it must not wait forever. */
  private void abandonHandshake() {
    if (!handshake.done()) {
      handshake.setException(new UncheckedIOException(new SSLException("the transport was closed during the TLS handshake")));
    }
  }

  @Override
  public boolean isClosing() {
    return closing || raw.isClosing();
  }

  @Override
  public Future<Void> closed() {
    return raw.closed();
  }

  @Override
  public Object extraInfo(String name) {
    switch (name) {
      case "ssl_object": return engine;
      case "cipher": return engine.getSession().getCipherSuite();
      case "peercert":
        try {
          return engine.getSession().getPeerCertificates()[0];
        } catch (SSLPeerUnverifiedException e) {
          return null;
        }
      default: return raw.extraInfo(name);
    }
  }

  /* The socket's flow control is this transport's: its reader hears of it as the socket's reader would. */
  @Override
  public void pauseWriting() {
    reader.pauseWriting();
  }

  @Override
  public void resumeWriting() {
    reader.resumeWriting();
  }

  /** The socket transport under the TLS: its write buffer and limits are this transport's. */
  public SocketTransport raw() {
    return raw;
  }

  @Override
  public void pauseReading() {
    raw.pauseReading();
  }

  @Override
  public void resumeReading() {
    raw.resumeReading();
  }

  private static ByteBuffer grow(ByteBuffer buf, int capacity) {
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(capacity, buf.capacity()));
    buf.flip();
    bigger.put(buf);
    return bigger;
  }
}

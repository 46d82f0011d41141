package dev.weft.asyncio.internal.streams;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Future;
import dev.weft.asyncio.internal.loop.SelectorLoop;
import dev.weft.continuations.Suspend;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
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
 * OpenSSL's); writes made before it ends wait for it.
 */
public final class SslTransport implements Transport, Protocol {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final SSLEngine engine;
  /* Where the plaintext goes: the stream reader. */
  private final Protocol reader;
  private final Future<Void> handshake;
  private final ArrayDeque<byte[]> beforeHandshake = new ArrayDeque<>();
  private SocketTransport raw;
  private ByteBuffer netIn;
  private ByteBuffer appIn;
  private ByteBuffer netOut;
  private boolean handshaken;
  private boolean closing;
  private boolean failed;

  private SslTransport(SelectorLoop loop, SSLEngine engine, Protocol reader) {
    this.engine = engine;
    this.reader = reader;
    this.handshake = loop.loop().createFuture();
    netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
  }

  /** Starts TLS on {@code channel}, delivering the plaintext to {@code reader}; see {@link #awaitHandshake()}. */
  public static SslTransport start(SelectorLoop loop, SocketChannel channel, SSLEngine engine, Protocol reader) {
    SslTransport t = new SslTransport(loop, engine, reader);
    t.raw = new SocketTransport(loop, channel, t);
    try {
      engine.beginHandshake();
    } catch (SSLException e) {
      t.fail(e);
    }
    t.pump();
    return t;
  }

  /**
   * Suspends until the handshake is done.
   *
   * @throws UncheckedIOException wrapping the {@link SSLException} of a failed handshake (an
   *     {@link SSLHandshakeException} for a certificate that is not trusted), or the socket's error
   */
  public void awaitHandshake() throws Suspend {
    boolean done = false;
    try {
      Asyncio.await(handshake);
      done = true;
    } finally {
      if (!done) raw.close(); // failed or cancelled: the socket goes with it
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
    if (!handshaken) fail(new SSLHandshakeException("Connection closed by the peer during the TLS handshake"));
    else reader.eofReceived(); // without close_notify: CPython's streams take it as EOF too
  }

  @Override
  public void connectionLost(RuntimeException e) {
    reader.connectionLost(e);
    if (!handshake.done()) handshake.setException(e);
  }

  /* Drives the engine until it needs bytes from the peer: handshake steps, then application data. */
  private void pump() {
    try {
      while (!failed) {
        HandshakeStatus hs = engine.getHandshakeStatus();
        if (hs == HandshakeStatus.NEED_TASK) {
          for (Runnable task; (task = engine.getDelegatedTask()) != null; ) task.run();
        } else if (hs == HandshakeStatus.NEED_WRAP) {
          if (wrap(EMPTY) == 0 && engine.isOutboundDone()) return;
        } else {
          if (!handshaken && (hs == HandshakeStatus.NOT_HANDSHAKING || hs == HandshakeStatus.FINISHED)) handshakeDone();
          if (!unwrap()) return;
        }
      }
    } catch (SSLException e) {
      fail(e);
    }
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
      case CLOSED: // the peer's close_notify
        reader.eofReceived();
        return false;
      default: // progress, or a handshake step for pump() to take
        HandshakeStatus hs = r.getHandshakeStatus();
        return r.bytesConsumed() > 0 || r.bytesProduced() > 0
            || (hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.NEED_UNWRAP);
    }
  }

  private void handshakeDone() {
    handshaken = true;
    if (!handshake.done()) handshake.setResult(null);
    for (byte[] data; (data = beforeHandshake.poll()) != null; ) write(data);
  }

  private void fail(SSLException e) {
    if (failed) return;
    failed = true;
    UncheckedIOException wrapped = new UncheckedIOException(e);
    reader.connectionLost(wrapped);
    if (!handshake.done()) handshake.setException(wrapped);
    raw.close();
  }

  // ---- to the socket --------------------------------------------------------------------------

  /** Wraps all of {@code src} into records and hands them to the socket; returns the bytes produced. */
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
    }
  }

  @Override
  public void write(byte[] data) {
    if (closing) throw new IllegalStateException("Cannot call write() after close()");
    if (failed || data.length == 0) return;
    if (!handshaken) {
      beforeHandshake.add(data.clone());
      return;
    }
    try {
      wrap(ByteBuffer.wrap(data));
    } catch (SSLException e) {
      fail(e);
    }
  }

  @Override
  public void drain() throws Suspend {
    raw.drain();
  }

  /** TLS has no half-close: its end of data is the close_notify that {@link #close()} sends. */
  @Override
  public void writeEof() {
    throw new UnsupportedOperationException("a TLS stream cannot close only its sending side; use close()");
  }

  /** Sends close_notify after what is buffered, then closes the socket. */
  @Override
  public void close() {
    if (closing) return;
    closing = true;
    if (!failed && handshaken) {
      engine.closeOutbound();
      try {
        wrap(EMPTY);
      } catch (SSLException e) {
        // the socket closes below either way
      }
    }
    raw.close();
  }

  /** No close_notify: the socket closes at once. */
  @Override
  public void abort() {
    closing = true;
    raw.abort();
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

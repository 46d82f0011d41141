package dev.weft.asyncio.internal.streams;

import dev.weft.asyncio.Future;
import dev.weft.asyncio.internal.loop.SelectorLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * CPython's {@code _SelectorSocketTransport}: reads go to a {@link Protocol} (a stream reader, or
 * TLS), writes are buffered and flushed when the socket can take them.
 */
public final class SocketTransport implements Transport {
  /** CPython's default high-water mark of a transport's write buffer, 64 KiB. */
  public static final int HIGH_WATER = 64 * 1024;

  /* The flow-control marks: drain() waits above high until low; the protocol is paused and resumed at them. */
  private int high = HIGH_WATER;
  private int low = HIGH_WATER / 4;
  private boolean protocolPaused;

  private final SelectorLoop loop;
  private final SocketChannel channel;
  private Protocol protocol;
  private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
  private int pendingBytes;
  private boolean closing;
  private boolean eofRequested;
  private boolean closed;
  private RuntimeException lost;
  private Future<Void> drainWaiter;
  /* Woken when everything buffered is sent: sendfile waits for it before it sends the file. */
  private Future<Void> emptyWaiter;
  private boolean sendingFile;
  private final Future<Void> closedFuture;

  /** Starts reading {@code channel} into {@code protocol}. */
  public SocketTransport(SelectorLoop loop, SocketChannel channel, Protocol protocol) {
    this.loop = loop;
    this.channel = channel;
    this.protocol = protocol;
    this.closedFuture = loop.loop().createFuture();
    setNoDelay(channel);
    loop.addReader(channel, this::readReady);
  }

  /* As CPython's transports: small writes go out at once instead of waiting on Nagle's algorithm for an ACK. */
  private static void setNoDelay(SocketChannel channel) {
    try {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    } catch (IOException | UnsupportedOperationException e) {
      // not a TCP socket, or already closed: nothing to tune
    }
  }

  /**
   * CPython's {@code set_protocol}: bytes read from now on go to {@code protocol}; for
   * {@code start_tls}, which puts TLS between this socket and its reader.
   */
  public void setProtocol(Protocol protocol) {
    this.protocol = protocol;
  }

  @Override
  public void pauseReading() {
    if (!closed) loop.removeReader(channel);
  }

  @Override
  public void resumeReading() {
    if (!closed) loop.addReader(channel, this::readReady);
  }

  private void readReady() {
    ByteBuffer buf = loop.readBuffer();
    int n;
    try {
      n = channel.read(buf);
    } catch (IOException e) {
      connectionLost(new UncheckedIOException(e));
      return;
    }
    if (n > 0) {
      protocol.dataReceived(buf.flip());
    } else if (n < 0) {
      loop.removeReader(channel);
      protocol.eofReceived();
      if (closing || eofRequested) forceClose(null);
    }
  }

  @Override
  public void write(byte[] data) {
    if (lost != null) return; // as CPython's transport: writes after the loss are dropped, drain() reports it
    if (closing || eofRequested) throw new IllegalStateException("Cannot call write() after write_eof() or close()");
    if (sendingFile) throw new IllegalStateException("Cannot call write() while loop.sendfile() is in progress");
    if (data.length == 0) return;
    ByteBuffer buf = ByteBuffer.wrap(data);
    if (pending.isEmpty()) {
      try {
        channel.write(buf);
      } catch (IOException e) {
        connectionLost(new UncheckedIOException(e));
        return;
      }
      if (!buf.hasRemaining()) return;
      loop.addWriter(channel, SelectionKey.OP_WRITE, this::writeReady);
    }
    // Only what the socket did not take is copied: the caller may reuse its array after write().
    buf = ByteBuffer.wrap(Arrays.copyOfRange(data, buf.position(), data.length));
    pending.add(buf);
    pendingBytes += buf.remaining();
    maybePauseProtocol();
  }

  /**
   * CPython's {@code set_write_buffer_limits}, checked by the caller: {@code high >= low >= 0}.
   * The protocol is paused at once if more than {@code high} is buffered already.
   */
  public void setWriteBufferLimits(int high, int low) {
    this.high = high;
    this.low = low;
    maybePauseProtocol();
  }

  /** Bytes buffered, not yet taken by the socket. */
  public int writeBufferSize() {
    return pendingBytes;
  }

  private void maybePauseProtocol() {
    if (!protocolPaused && pendingBytes > high) {
      protocolPaused = true;
      protocol.pauseWriting();
    }
  }

  private void maybeResumeProtocol() {
    if (protocolPaused && pendingBytes <= low) {
      protocolPaused = false;
      protocol.resumeWriting();
    }
  }

  private void writeReady() {
    try {
      while (!pending.isEmpty()) {
        ByteBuffer buf = pending.peek();
        int before = buf.remaining();
        channel.write(buf);
        pendingBytes -= before - buf.remaining();
        if (buf.hasRemaining()) break;
        pending.poll();
      }
    } catch (IOException e) {
      connectionLost(new UncheckedIOException(e));
      return;
    }
    if (pendingBytes <= low) wakeDrain(null);
    maybeResumeProtocol();
    if (pending.isEmpty()) {
      loop.removeWriter(channel);
      wakeEmpty();
      if (closing) forceClose(null);
      else if (eofRequested) shutdownOutput();
    }
  }

  /** Python's drain: waits while more than the high-water mark is buffered. */
  @Override
  public void drain() throws dev.weft.continuations.Suspend {
    if (lost != null) throw new UncheckedIOException("Connection lost", new IOException("Connection lost", lost));
    if (pendingBytes <= high) return;
    Future<Void> w = loop.loop().createFuture();
    drainWaiter = w;
    dev.weft.asyncio.Asyncio.await(w);
  }

  private void wakeEmpty() {
    Future<Void> w = emptyWaiter;
    emptyWaiter = null;
    if (w != null && !w.done()) w.setResult(null);
  }

  /**
   * CPython's {@code _sendfile_native}: once what is buffered is sent, the kernel copies the file
   * to the socket ({@code FileChannel.transferTo}), waiting for writability whenever the socket
   * is full; writes are refused meanwhile, as in CPython.
   */
  @Override
  public long sendfile(java.nio.channels.FileChannel file, long offset, long count) throws dev.weft.continuations.Suspend {
    if (closing || eofRequested) throw new IllegalStateException("Transport is closing");
    if (sendingFile) throw new IllegalStateException("loop.sendfile() is already in progress on this transport");
    sendingFile = true;
    long total = 0;
    try {
      if (!pending.isEmpty()) {
        Future<Void> w = loop.loop().createFuture();
        emptyWaiter = w;
        dev.weft.asyncio.Asyncio.await(w);
      }
      long end = count >= 0 ? offset + count : file.size();
      while (offset + total < end) {
        if (lost != null || closed) throw new UncheckedIOException("Connection lost", new IOException("Connection lost", lost));
        long n = file.transferTo(offset + total, end - offset - total, channel);
        if (n > 0) {
          total += n;
        } else if (offset + total >= file.size()) {
          break; // the file is shorter than asked
        } else {
          SockOps.awaitReady(loop, channel, SelectionKey.OP_WRITE);
        }
      }
      return total;
    } catch (IOException e) {
      UncheckedIOException u = new UncheckedIOException(e);
      connectionLost(u);
      throw u;
    } finally {
      sendingFile = false;
    }
  }

  private void wakeDrain(RuntimeException e) {
    Future<Void> w = drainWaiter;
    drainWaiter = null;
    if (w == null || w.done()) return;
    if (e != null) w.setException(e);
    else w.setResult(null);
  }

  @Override
  public void writeEof() {
    if (closing || eofRequested) return;
    eofRequested = true;
    if (pending.isEmpty()) shutdownOutput();
  }

  private void shutdownOutput() {
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      connectionLost(new UncheckedIOException(e));
    }
  }

  @Override
  public boolean isClosing() {
    return closing;
  }

  @Override
  public void close() {
    if (closing) return;
    closing = true;
    loop.removeReader(channel);
    if (pending.isEmpty()) forceClose(null);
  }

  @Override
  public void abort() {
    forceClose(null);
  }

  private void connectionLost(RuntimeException e) {
    lost = e;
    protocol.connectionLost(e);
    wakeDrain(new UncheckedIOException("Connection lost", new IOException("Connection lost", e)));
    forceClose(e);
  }

  private void forceClose(RuntimeException e) {
    if (closed) return;
    closed = true;
    closing = true;
    pending.clear();
    pendingBytes = 0;
    if (!loop.loop().isClosed()) {
      loop.removeReader(channel);
      loop.removeWriter(channel);
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing a socket that failed: nothing more to tell anyone
    }
    if (e == null) protocol.eofReceived();
    wakeDrain(null);
    wakeEmpty(); // a sendfile waiting for the buffer sees the loss
    if (!closedFuture.done()) closedFuture.setResult(null);
  }

  @Override
  public Future<Void> closed() {
    return closedFuture;
  }

  @Override
  public Object extraInfo(String name) {
    try {
      switch (name) {
        case "peername": return channel.getRemoteAddress();
        case "sockname": return channel.getLocalAddress();
        case "socket": return channel;
        default: return null;
      }
    } catch (IOException e) {
      return null;
    }
  }
}

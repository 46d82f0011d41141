package dev.weft.asyncio.internal.datagram;

import dev.weft.asyncio.DatagramProtocol;
import dev.weft.asyncio.DatagramTransport;
import dev.weft.asyncio.internal.loop.LoopResource;
import dev.weft.asyncio.internal.loop.SelectorLoop;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * CPython's {@code _SelectorDatagramTransport} over a non-blocking {@link DatagramChannel}: one
 * datagram received per readiness callback (as CPython, so one busy endpoint cannot starve the
 * loop), sends straight to the socket while nothing is queued, else queued behind a writer
 * callback with high/low-water flow control. Protocol callbacks run on the loop thread; one that
 * throws is a fatal error. Loop thread only.
 */
public final class UdpTransport implements DatagramTransport, LoopResource {
  private static final System.Logger LOGGER = System.getLogger("dev.weft.asyncio");
  static final int HIGH_WATER = 64 * 1024, LOW_WATER = 16 * 1024;
  /* CPython's LOG_THRESHOLD_FOR_CONNLOST_WRITES. */
  static final int WARN_AFTER_LOST_SENDS = 5;

  private record Pending(ByteBuffer data, SocketAddress to) {}

  private final SelectorLoop loop;
  private final DatagramChannel channel;
  private final DatagramProtocol protocol;
  /* The connected remote address, or null. */
  private final SocketAddress remote;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int queued;
  private boolean closing, writingPaused;
  /* Sends after close, and whether connection_lost is scheduled (nonzero): CPython's _conn_lost. */
  private int connLost;

  /**
   * Wires {@code channel} (non-blocking, bound or connected) to {@code protocol}: schedules
   * {@code connectionMade}, then the reader, then {@code ready}, in that order (CPython's
   * {@code __init__}), so whoever waits for {@code ready} sees connectionMade done.
   */
  public UdpTransport(SelectorLoop loop, DatagramChannel channel, DatagramProtocol protocol, SocketAddress remote, Runnable ready) {
    this.loop = loop;
    this.channel = channel;
    this.protocol = protocol;
    this.remote = remote;
    loop.track(this);
    soon(() -> protocol.connectionMade(this));
    soon(() -> {
      if (!closing) loop.addReader(channel, this::readReady);
    });
    soon(ready);
  }

  private void soon(Runnable r) {
    loop.loop().callSoon(r);
  }

  private void readReady() {
    if (connLost > 0) return;
    ByteBuffer buf = loop.readBuffer();
    SocketAddress from;
    try {
      from = channel.receive(buf);
    } catch (ClosedChannelException e) {
      return;
    } catch (IOException e) { // an ICMP error reported on a connected socket, for example
      callProtocol(() -> protocol.errorReceived(e), "Fatal read error on datagram transport");
      return;
    }
    if (from == null) return; // woken with nothing to read
    buf.flip();
    byte[] data = new byte[buf.remaining()];
    buf.get(data);
    callProtocol(() -> protocol.datagramReceived(data, from), "Fatal read error on datagram transport");
  }

  @Override
  public void sendto(byte[] data) {
    sendto(data, null);
  }

  @Override
  public void sendto(byte[] data, SocketAddress addr) {
    Objects.requireNonNull(data, "data");
    if (remote != null) {
      if (addr != null && !addr.equals(remote)) {
        throw new IllegalArgumentException("Invalid address: must be null or " + remote + ", not " + addr);
      }
      addr = remote;
    } else if (addr == null) {
      throw new IllegalArgumentException("sendto: the endpoint is not connected, so an address is required");
    }
    if (connLost > 0) {
      if (connLost >= WARN_AFTER_LOST_SENDS) LOGGER.log(Level.WARNING, "socket.send() raised exception.");
      connLost++;
      return;
    }
    ByteBuffer copy = ByteBuffer.wrap(data.clone());
    if (queue.isEmpty()) {
      try {
        if (send(copy, addr)) return;
      } catch (IOException e) {
        callProtocol(() -> protocol.errorReceived(e), "Fatal write error on datagram transport");
        return;
      }
      loop.addWriter(channel, SelectionKey.OP_WRITE, this::writeReady);
    }
    queue.add(new Pending(copy, addr));
    queued += data.length;
    maybePauseWriting();
  }

  /* True if the datagram went out; false if the socket has no room for it now. */
  private boolean send(ByteBuffer data, SocketAddress to) throws IOException {
    int size = data.remaining();
    int sent = remote != null ? channel.write(data) : channel.send(data, to);
    return sent == size; // an empty datagram counts as sent: the JDK cannot say otherwise
  }

  private void writeReady() {
    while (!queue.isEmpty()) {
      Pending p = queue.peek();
      int size = p.data.remaining();
      try {
        if (!send(p.data, p.to)) return; // no room yet: the writer stays
      } catch (IOException e) {
        queue.poll();
        queued -= size;
        callProtocol(() -> protocol.errorReceived(e), "Fatal write error on datagram transport");
        return;
      }
      queue.poll();
      queued -= size;
    }
    maybeResumeWriting();
    loop.removeWriter(channel);
    if (closing) scheduleConnectionLost(null);
  }

  private void maybePauseWriting() {
    if (!writingPaused && queued > HIGH_WATER) {
      writingPaused = true;
      callProtocol(protocol::pauseWriting, "protocol.pause_writing() failed");
    }
  }

  private void maybeResumeWriting() {
    if (writingPaused && queued <= LOW_WATER) {
      writingPaused = false;
      callProtocol(protocol::resumeWriting, "protocol.resume_writing() failed");
    }
  }

  @Override
  public void close() {
    if (closing) return;
    closing = true;
    loop.removeReader(channel);
    if (queue.isEmpty()) scheduleConnectionLost(null);
  }

  @Override
  public void abort() {
    forceClose(null);
  }

  private void forceClose(Exception exc) {
    if (connLost > 0) return;
    if (!queue.isEmpty()) {
      queue.clear();
      queued = 0;
      loop.removeWriter(channel);
    }
    if (!closing) {
      closing = true;
      loop.removeReader(channel);
    }
    scheduleConnectionLost(exc);
  }

  private void scheduleConnectionLost(Exception exc) {
    connLost++;
    soon(() -> {
      try {
        protocol.connectionLost(exc);
      } finally {
        closeChannel();
      }
    });
  }

  /* A protocol callback; one that throws is a fatal error: reported, and the transport aborted. */
  private void callProtocol(Runnable callback, String fatalMessage) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      Map<String, Object> context = new HashMap<>();
      context.put("message", fatalMessage);
      context.put("exception", e);
      context.put("transport", this);
      context.put("protocol", protocol);
      loop.loop().callExceptionHandler(context);
      forceClose(e);
    }
  }

  private void closeChannel() {
    loop.untrack(this);
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      channel.close();
    } catch (IOException e) {
      LOGGER.log(Level.DEBUG, "closing " + this, e);
    }
  }

  /** The loop is closing: the socket goes with it, with no callbacks (the loop can run none). */
  @Override
  public void closeWithLoop() {
    closing = true;
    connLost++;
    queue.clear();
    closeQuietly();
  }

  @Override
  public boolean isClosing() {
    return closing;
  }

  @Override
  public int getWriteBufferSize() {
    return queued;
  }

  @Override
  public Object getExtraInfo(String name) {
    try {
      switch (name) {
        case "sockname": return channel.getLocalAddress();
        case "peername": return remote;
        case "socket": return channel;
        default: return null;
      }
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "UdpTransport[" + (closing ? "closing" : "open") + ", sockname=" + getExtraInfo("sockname")
        + (remote != null ? ", peername=" + remote : "") + "]";
  }
}

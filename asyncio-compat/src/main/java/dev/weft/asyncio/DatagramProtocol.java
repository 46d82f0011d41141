package dev.weft.asyncio;

import java.net.SocketAddress;

/**
 * Python's {@code asyncio.DatagramProtocol}: what a {@link DatagramTransport} calls, on the loop's
 * thread, as datagrams arrive. Implement the methods you need; each does nothing by default.
 *
 * <pre>{@code
 * class Echo implements DatagramProtocol {
 *   DatagramTransport transport;
 *   public void connectionMade(DatagramTransport t) { transport = t; }
 *   public void datagramReceived(byte[] data, SocketAddress from) { transport.sendto(data, from); }
 * }
 * DatagramEndpoint<Echo> e = Asyncio.await(loop.createDatagramEndpoint(Echo::new, new InetSocketAddress("127.0.0.1", 9999), null));
 * }</pre>
 *
 * <p>An exception thrown by a callback is a fatal error of the transport, as in CPython: it goes to
 * the loop's exception handler ("Fatal read error on datagram transport") and the transport is
 * aborted, which calls {@link #connectionLost} with it.
 */
public interface DatagramProtocol {
  /** The endpoint is set up; {@code transport} is how to send. Called once, first. */
  default void connectionMade(DatagramTransport transport) {}

  /** One datagram from {@code addr} (its own copy). */
  default void datagramReceived(byte[] data, SocketAddress addr) {}

  /**
   * A send or receive failed with {@code exc} (for example a {@code PortUnreachableException} on a
   * connected endpoint whose peer is not listening); the transport stays open.
   */
  default void errorReceived(Exception exc) {}

  /** The transport's send buffer went over its high-water mark: stop sending until {@link #resumeWriting}. */
  default void pauseWriting() {}

  /** The send buffer drained to its low-water mark. */
  default void resumeWriting() {}

  /** The transport is closed: {@code exc} is null after {@code close()}, else what aborted it. Called once, last. */
  default void connectionLost(Exception exc) {}
}

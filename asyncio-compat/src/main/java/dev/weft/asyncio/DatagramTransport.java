package dev.weft.asyncio;

import java.net.SocketAddress;

/**
 * Python's {@code asyncio.DatagramTransport}: a non-blocking UDP socket of a loop, made by
 * {@link EventLoop#createDatagramEndpoint}. Sends never block or suspend: what the socket cannot
 * take at once is buffered and sent when it can. Loop thread only.
 *
 * <pre>{@code
 * transport.sendto("ping".getBytes(US_ASCII), new InetSocketAddress("127.0.0.1", 9999));
 * transport.close();       // the protocol's connectionLost(null) follows in a later iteration
 * }</pre>
 */
public interface DatagramTransport {
  /** Sends {@code data} (copied) to the connected remote address. */
  void sendto(byte[] data);

  /**
   * Sends {@code data} (copied) to {@code addr}; on a connected endpoint {@code addr} must be null
   * or the remote address. After {@code close()} or {@code abort()} the datagram is dropped (a
   * warning is logged after five such sends), as CPython does.
   *
   * @throws IllegalArgumentException on a connected endpoint, for another address ("Invalid
   *     address: must be null or ..."); on an unconnected one, for a null address
   */
  void sendto(byte[] data, SocketAddress addr);

  /** Closes once the buffered datagrams are sent; no more are received. Idempotent. */
  void close();

  /** Closes at once, dropping buffered datagrams. Idempotent. */
  void abort();

  /** True once {@code close()} or {@code abort()} was called. */
  boolean isClosing();

  /** Bytes waiting to be sent. */
  int getWriteBufferSize();

  /**
   * Python's {@code get_extra_info}: {@code "sockname"} (the local address), {@code "peername"}
   * (the remote address, null if not connected), {@code "socket"} (the {@code DatagramChannel});
   * null for any other name.
   */
  Object getExtraInfo(String name);
}

package dev.weft.asyncio.internal.streams;

import java.nio.ByteBuffer;

/**
 * What a {@link SocketTransport} delivers to: CPython's {@code asyncio.Protocol}, for the two
 * users here, the stream reader and TLS. Loop thread only.
 */
public interface Protocol {
  /** Bytes from the socket; {@code data} is the loop's read buffer, valid only during the call. */
  void dataReceived(ByteBuffer data);

  /** The peer closed its sending side, or the transport closed cleanly. */
  void eofReceived();

  /** The connection failed with {@code e}. */
  void connectionLost(RuntimeException e);

}

package dev.weft.asyncio.internal.streams;

import java.nio.ByteBuffer;

/**
 * What a {@link SocketTransport} delivers to: CPython's {@code asyncio.Protocol}, for the three
 * users here: the stream reader, TLS, and a user's {@code dev.weft.asyncio.Protocol} behind
 * {@link ProtocolTransport}. Loop thread only.
 */
public interface Protocol {
  /** Bytes from the socket; {@code data} is the loop's read buffer, valid only during the call. */
  void dataReceived(ByteBuffer data);

  /** The peer closed its sending side, or the transport closed cleanly. */
  void eofReceived();

  /** The connection failed with {@code e}. */
  void connectionLost(RuntimeException e);

  /** The transport's write buffer went over its high-water mark (CPython's flow control); streams use drain() instead. */
  default void pauseWriting() {}

  /** The write buffer drained to its low-water mark. */
  default void resumeWriting() {}
}

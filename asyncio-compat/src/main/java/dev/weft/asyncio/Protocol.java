package dev.weft.asyncio;

/**
 * Python's {@code asyncio.Protocol}: what a stream {@link Transport} (a TCP connection from
 * {@link EventLoop#createConnection} or {@link EventLoop#createServer}) calls, on the loop's
 * thread, as the connection makes progress. Implement the methods you need; each has CPython's
 * default.
 *
 * <pre>{@code
 * class Echo implements Protocol {
 *   Transport transport;
 *   public void connectionMade(Transport t) { transport = t; }
 *   public void dataReceived(byte[] data) { transport.write(data); }
 * }
 * Server server = Asyncio.await(Asyncio.getRunningLoop().createServer(Echo::new, "127.0.0.1", 0));
 * }</pre>
 *
 * <p>The calls come in CPython's order: {@code connectionMade} once, then any number of
 * {@code dataReceived}, at most one {@code eofReceived}, and {@code connectionLost} once, last
 * (in a later loop iteration than the close that caused it). {@code pauseWriting} and
 * {@code resumeWriting} come in pairs whenever the transport's write buffer crosses its high and
 * low water marks ({@link Transport#setWriteBufferLimits}).
 *
 * <p>An exception thrown by {@code dataReceived} or {@code eofReceived} is a fatal error of the
 * transport, as in CPython: it goes to the loop's exception handler ("Fatal error:
 * protocol.data_received() call failed.") and the transport is aborted, so
 * {@code connectionLost} receives it. One thrown by {@code pauseWriting} or {@code resumeWriting}
 * is reported and the transport goes on.
 *
 * <p><b>Compared with Python:</b> {@code dataReceived} takes a {@code byte[]}, the protocol's own
 * copy, rather than a {@code ByteBuffer} view of the loop's read buffer: Python's {@code bytes}
 * are immutable and may be kept (in a list, a parser's buffer), and a view valid only during the
 * call would make every such protocol copy by hand, or keep bytes the next read overwrites.
 * {@code BufferedProtocol} ({@code get_buffer} / {@code buffer_updated}) is not here.
 */
public interface Protocol {
  /** The connection is set up; {@code transport} is how to write and close. Called once, first. */
  default void connectionMade(Transport transport) {}

  /** Bytes from the peer, at least one, in the order sent: the protocol's own copy. */
  default void dataReceived(byte[] data) {}

  /**
   * The peer closed its sending side (its {@code writeEof}, or its close). Returning false (the
   * default) closes the transport; true keeps it open for writing, and the protocol closes it.
   */
  default boolean eofReceived() {
    return false;
  }

  /** The transport's write buffer went over its high-water mark: stop writing until {@link #resumeWriting}. */
  default void pauseWriting() {}

  /** The write buffer drained to its low-water mark. */
  default void resumeWriting() {}

  /**
   * The connection is closed: {@code exc} is null after {@link Transport#close()} (or
   * {@code abort()}, or a clean end), else what ended it, such as an
   * {@code UncheckedIOException} wrapping a reset by the peer. Called once, last.
   */
  default void connectionLost(Exception exc) {}
}

package dev.weft.asyncio;

/**
 * Python's {@code asyncio.Transport}: a TCP connection of a loop, as its {@link Protocol} sees it,
 * made by {@link EventLoop#createConnection} and {@link EventLoop#createServer}. Writes never
 * block or suspend: what the socket cannot take at once is buffered and sent when it can, and the
 * protocol's {@code pauseWriting} / {@code resumeWriting} say when the buffer is too full. Loop
 * thread only.
 *
 * <pre>{@code
 * transport.write("GET / HTTP/1.0\r\n\r\n".getBytes(US_ASCII));
 * transport.writeEof();   // the peer reads to its end; what it answers still arrives
 * transport.close();      // after the buffer is sent; the protocol's connectionLost(null) follows
 * }</pre>
 *
 * <p><b>Compared with Python:</b> after {@code close()} or {@code abort()}, {@code write} drops
 * the data (a warning is logged after five such writes), as CPython's selector transport does;
 * after {@code writeEof()} it throws. Once this side has called {@code writeEof()} and the
 * peer's EOF has arrived, the socket closes whatever {@code eofReceived} returned: nothing more
 * can cross it. {@code set_protocol}, {@code get_protocol} and
 * {@code get_write_buffer_limits} are not here.
 */
public interface Transport {
  /**
   * Sends {@code data} as soon as possible; never suspends. The caller may reuse the array.
   *
   * @throws IllegalStateException after {@link #writeEof()} ("Cannot call write() after write_eof()")
   */
  void write(byte[] data);

  /** Python's {@code writelines}: writes each array in turn. */
  default void writelines(Iterable<byte[]> data) {
    for (byte[] d : data) write(d);
  }

  /** Closes the sending side once everything buffered is sent; reading goes on. Idempotent. */
  void writeEof();

  /** Python's {@code can_write_eof()}: true, for TCP (and TLS: see {@link EventLoop#startTls}). */
  boolean canWriteEof();

  /** Closes once the buffer is sent; nothing more is read. The protocol's {@code connectionLost(null)} follows. Idempotent. */
  void close();

  /** Closes at once, dropping what is buffered; {@code connectionLost(null)} follows. */
  void abort();

  /** True once {@code close()} or {@code abort()} was called, or the connection was lost. */
  boolean isClosing();

  /**
   * Python's {@code get_extra_info}: {@code "peername"} and {@code "sockname"} (the remote and
   * local {@code InetSocketAddress}), {@code "socket"} (the {@code SocketChannel}); over TLS also
   * {@code "sslcontext"} (the {@code SSLContext}), {@code "ssl_object"} (the {@code SSLEngine}),
   * {@code "cipher"} and {@code "peercert"}. Null for other names.
   */
  Object getExtraInfo(String name);

  /** Stops calling the protocol's {@code dataReceived} until {@link #resumeReading()}; nothing if closing or paused. */
  void pauseReading();

  /** Delivers data again after {@link #pauseReading()}; nothing if closing or not paused. */
  void resumeReading();

  /** True unless reading is paused or the transport is closing. */
  boolean isReading();

  /**
   * Python's {@code set_write_buffer_limits(high, low)}: the protocol's {@code pauseWriting} is
   * called when more than {@code high} bytes are buffered, {@code resumeWriting} when no more
   * than {@code low} are left. Null {@code high}: 64 KiB, or four times {@code low}; null
   * {@code low}: a quarter of {@code high}.
   *
   * @throws IllegalArgumentException unless {@code high >= low >= 0} ("high (1) must be >= low (2) must be >= 0")
   */
  void setWriteBufferLimits(Integer high, Integer low);

  /** Bytes waiting to be sent. */
  int getWriteBufferSize();
}

package dev.weft.asyncio.internal.streams;

import dev.weft.asyncio.Future;
import dev.weft.continuations.Suspend;

/**
 * The byte stream under a {@code StreamWriter} and {@code StreamReader}: a socket
 * ({@link SocketTransport}) or TLS over one ({@link SslTransport}). CPython's
 * {@code asyncio.Transport}, trimmed to what streams use. Loop thread only.
 */
public interface Transport extends ReadTransport {
  /** Sends {@code data} as soon as possible; never suspends. The caller may reuse the array. */
  void write(byte[] data);

  /** Suspends while more than the high-water mark waits to be sent. */
  void drain() throws Suspend;

  /** Closes the sending side once everything buffered is sent. */
  void writeEof();

  /** Python's {@code can_write_eof()}: whether {@link #writeEof()} ends only the sending side. */
  default boolean canWriteEof() {
    return true;
  }

  /**
   * Sends up to {@code count} bytes of {@code file} from {@code offset} (to its end if
   * {@code count} is negative), after what is buffered; returns how many were sent. This default
   * copies through {@link #write}; a plain socket lets the kernel send the file.
   */
  default long sendfile(java.nio.channels.FileChannel file, long offset, long count) throws Suspend {
    return FileSends.copy(this, file, offset, count);
  }

  /** Sends what is buffered, then closes. */
  void close();

  /** Closes at once, dropping what is buffered (CPython's {@code abort}). */
  void abort();

  boolean isClosing();

  /** Done once the socket is closed. */
  Future<Void> closed();

  /** Python's {@code get_extra_info}: null for names the transport does not know. */
  Object extraInfo(String name);
}

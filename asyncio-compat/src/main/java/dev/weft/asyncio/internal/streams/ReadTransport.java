package dev.weft.asyncio.internal.streams;

/**
 * The reading side of a byte stream as a {@code StreamReader} sees it: CPython's
 * {@code ReadTransport} flow control. A socket transport is one; so is a subprocess's stdout
 * pipe, which has nothing to write. Loop thread only.
 */
public interface ReadTransport {
  /** Flow control from the reader: stop delivering data until {@link #resumeReading()}. */
  void pauseReading();

  void resumeReading();
}

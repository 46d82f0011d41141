package dev.weft.asyncio.internal.streams;

import dev.weft.continuations.Suspend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * CPython's {@code loop.sendfile} fallback ({@code _sendfile_fallback}): the file read in chunks
 * and written through the transport, with a drain after each, for transports the kernel cannot
 * send a file to directly (TLS, pipes).
 */
public final class FileSends {
  static final int CHUNK = 64 * 1024;

  private FileSends() {}

  /** Sends up to {@code count} bytes of {@code file} from {@code offset} (to its end if count is negative); returns how many. */
  public static long copy(Transport t, FileChannel file, long offset, long count) throws Suspend {
    long total = 0;
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    try {
      while (count < 0 || total < count) {
        buf.clear();
        if (count >= 0) buf.limit((int) Math.min(CHUNK, count - total));
        int n = file.read(buf, offset + total);
        if (n <= 0) break;
        byte[] chunk = new byte[n];
        buf.flip().get(chunk);
        t.write(chunk);
        total += n;
        t.drain();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return total;
  }
}

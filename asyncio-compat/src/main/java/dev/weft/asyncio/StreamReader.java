package dev.weft.asyncio;

import dev.weft.asyncio.internal.streams.Protocol;
import dev.weft.asyncio.internal.streams.ReadTransport;
import dev.weft.continuations.Suspend;
import java.util.Arrays;

/**
 * Python's {@code asyncio.StreamReader}: the reading half of a connection from
 * {@link Asyncio#openConnection} or a server's callback. Every read returns a {@link Coroutine}.
 *
 * <pre>{@code
 * Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", 8888));
 * byte[] line = Asyncio.await(c.reader().readline());
 * }</pre>
 *
 * <p>Not thread-safe: use it on its loop's thread.
 */
public final class StreamReader {
  static final int DEFAULT_LIMIT = 64 * 1024;

  private final EventLoop loop;
  private final int limit;
  private byte[] buffer = new byte[256];
  private int length;
  private boolean eof;
  private RuntimeException exception;
  private Future<Void> waiter;
  private ReadTransport transport;
  private boolean paused;

  /**
   * A reader not attached to a transport, fed by hand ({@link #feedData}, {@link #feedEof}), as
   * Python's {@code StreamReader(limit=..., loop=...)}: for protocols and tests.
   *
   * @throws IllegalArgumentException if {@code limit <= 0}
   */
  public StreamReader(EventLoop loop, int limit) {
    if (limit <= 0) throw new IllegalArgumentException("Limit cannot be <= 0");
    this.loop = loop;
    this.limit = limit;
  }

  void setTransport(ReadTransport transport) {
    this.transport = transport;
  }

  /** What a transport delivers to: the bytes go straight into this reader (CPython's StreamReaderProtocol). */
  Protocol protocol() {
    return new Protocol() {
      @Override
      public void dataReceived(java.nio.ByteBuffer data) {
        feedData(data);
      }

      @Override
      public void eofReceived() {
        feedEof();
      }

      @Override
      public void connectionLost(RuntimeException e) {
        setException(e);
      }
    };
  }

  // ---- fed by the transport ---------------------------------------------------------------------

  /** Appends the first {@code n} bytes of {@code data} (copied) and wakes a waiting read. */
  public void feedData(byte[] data, int n) {
    feedData(java.nio.ByteBuffer.wrap(data, 0, n));
  }

  /** Appends what remains in {@code data} (the loop's read buffer: copied, not kept). */
  void feedData(java.nio.ByteBuffer data) {
    int n = data.remaining();
    if (n == 0) return;
    if (length + n > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
    data.get(buffer, length, n);
    length += n;
    wakeupWaiter();
    if (transport != null && !paused && length > 2 * limit) {
      paused = true;
      transport.pauseReading();
    }
  }

  /** Bytes buffered and not yet read: for tests of flow control. */
  int buffered() {
    return length;
  }

  /** Marks the end of the stream: reads return what is buffered, then end. */
  public void feedEof() {
    eof = true;
    wakeupWaiter();
  }

  void setException(RuntimeException e) {
    exception = e;
    Future<Void> w = waiter;
    if (w != null) {
      waiter = null;
      if (!w.done()) w.setException(e);
    }
  }

  private void wakeupWaiter() {
    Future<Void> w = waiter;
    if (w != null) {
      waiter = null;
      if (!w.cancelled()) w.setResult(null);
    }
  }

  private void maybeResumeTransport() {
    if (paused && length <= limit) {
      paused = false;
      transport.resumeReading();
    }
  }

  private void waitForData(String funcName) throws Suspend {
    if (waiter != null) {
      throw new IllegalStateException(funcName + "() called while another coroutine is already waiting for incoming data");
    }
    if (paused) {
      paused = false;
      transport.resumeReading();
    }
    Future<Void> w = loop.createFuture();
    waiter = w;
    try {
      Asyncio.await(w);
    } finally {
      waiter = null;
    }
  }

  private byte[] take(int n) {
    byte[] out = Arrays.copyOf(buffer, n);
    System.arraycopy(buffer, n, buffer, 0, length - n);
    length -= n;
    maybeResumeTransport();
    return out;
  }

  private int find(byte[] sep, int offset) {
    outer:
    for (int i = Math.max(0, offset); i + sep.length <= length; i++) {
      for (int j = 0; j < sep.length; j++) {
        if (buffer[i + j] != sep[j]) continue outer;
      }
      return i;
    }
    return -1;
  }

  // ---- reads ------------------------------------------------------------------------------------

  /** True once the end of the stream arrived and the buffer is empty. */
  public boolean atEof() {
    return eof && length == 0;
  }

  /**
   * A coroutine that reads up to {@code n} bytes: as soon as any is buffered; {@code n < 0} reads to
   * the end; {@code n == 0} and the end of the stream give an empty array.
   */
  public Coroutine<byte[]> read(int n) {
    return Asyncio.async(() -> readNow(n));
  }

  private byte[] readNow(int n) throws Suspend {
    if (exception != null) throw exception;
    if (n == 0) return new byte[0];
    if (n < 0) {
      java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
      for (;;) {
        byte[] block = readNow(limit);
        if (block.length == 0) break;
        all.write(block, 0, block.length);
      }
      return all.toByteArray();
    }
    if (length == 0 && !eof) waitForData("read");
    return take(Math.min(n, length));
  }

  /**
   * A coroutine that reads a line, up to and including {@code \n}; at the end of the stream, the
   * partial line (possibly empty).
   *
   * @throws IllegalArgumentException (when awaited) for a line longer than the limit; the data
   *     up to the separator is dropped
   */
  public Coroutine<byte[]> readline() {
    return Asyncio.async(() -> {
      byte[] sep = {'\n'};
      try {
        return readuntilNow(sep, "readline");
      } catch (IncompleteReadError e) {
        return e.partial();
      } catch (LimitOverrunError e) {
        if (find(sep, e.consumed()) == e.consumed()) {
          take(e.consumed() + 1);
        } else {
          length = 0;
          maybeResumeTransport();
        }
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    });
  }

  /**
   * A coroutine that reads up to and including {@code separator}.
   *
   * @throws IllegalArgumentException for an empty separator
   * @throws IncompleteReadError (when awaited) at the end of the stream before the separator; the
   *     buffer is emptied into it
   * @throws LimitOverrunError (when awaited) past the limit; the data stays buffered
   */
  public Coroutine<byte[]> readuntil(byte[] separator) {
    if (separator.length == 0) throw new IllegalArgumentException("Separator should be at least one-byte string");
    byte[] sep = separator.clone();
    return Asyncio.async(() -> readuntilNow(sep, "readuntil"));
  }

  private byte[] readuntilNow(byte[] sep, String funcName) throws Suspend {
    if (exception != null) throw exception;
    int offset = 0;
    int isep;
    for (;;) {
      if (length - offset >= sep.length) {
        isep = find(sep, offset);
        if (isep != -1) break;
        offset = length + 1 - sep.length;
        if (offset > limit) throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
      }
      if (eof) {
        byte[] chunk = take(length);
        throw new IncompleteReadError(chunk, null);
      }
      waitForData(funcName);
    }
    if (isep > limit) throw new LimitOverrunError("Separator is found, but chunk is longer than limit", isep);
    return take(isep + sep.length);
  }

  /**
   * A coroutine that reads exactly {@code n} bytes.
   *
   * @throws IllegalArgumentException if {@code n < 0}
   * @throws IncompleteReadError (when awaited) if the stream ends first
   */
  public Coroutine<byte[]> readexactly(int n) {
    if (n < 0) throw new IllegalArgumentException("readexactly size can not be less than zero");
    return Asyncio.async(() -> {
      if (exception != null) throw exception;
      if (n == 0) return new byte[0];
      while (length < n) {
        if (eof) throw new IncompleteReadError(take(length), n);
        waitForData("readexactly");
      }
      return take(n);
    });
  }

  @Override
  public String toString() {
    return "StreamReader[" + length + " bytes" + (eof ? ", eof" : "") + (waiter != null ? ", waiting" : "") + "]";
  }
}

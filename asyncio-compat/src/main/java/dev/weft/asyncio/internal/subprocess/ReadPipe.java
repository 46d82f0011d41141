package dev.weft.asyncio.internal.subprocess;

import dev.weft.asyncio.EventLoop;
import dev.weft.asyncio.internal.streams.Protocol;
import dev.weft.asyncio.internal.streams.ReadTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * A child's stdout or stderr, pumped into a {@link Protocol} (a stream reader) without blocking
 * the loop. Java's process streams only block, so a daemon thread reads them.
 *
 * <p>Back-pressure: the thread reads one chunk, hands it to the loop with
 * {@code callSoonThreadsafe}, and reads again only once the loop has delivered it and the reader
 * has not paused. So at most one chunk is in flight, and while the reader is over its limit
 * ({@link #pauseReading()}) the thread reads nothing: the pipe fills and the child blocks, as it
 * would on a paused CPython pipe transport. The reader's buffer stays within its pause threshold
 * plus one chunk.
 */
public final class ReadPipe implements ReadTransport {
  static final int CHUNK = 64 * 1024;

  private final EventLoop loop;
  private final InputStream in;
  private final Protocol protocol;
  private final Runnable onEof;
  private final Thread thread;
  // guarded by this: shared by the pump thread and the loop thread
  private boolean inFlight;
  private boolean paused;
  private boolean stopped;

  /** Starts a pump thread named {@code name} reading {@code in}; {@code onEof} runs on the loop after the end is delivered. */
  public ReadPipe(EventLoop loop, InputStream in, Protocol protocol, String name, Runnable onEof) {
    this.loop = loop;
    this.in = in;
    this.protocol = protocol;
    this.onEof = onEof;
    this.thread = new Thread(this::pump, name);
    thread.setDaemon(true); // a child that never closes its output must not keep the JVM alive
    thread.start();
  }

  private void pump() {
    byte[] buf = new byte[CHUNK];
    try {
      for (;;) {
        if (!awaitClear()) return;
        int n;
        try {
          n = in.read(buf);
        } catch (IOException e) {
          if (isStopped()) return; // closed with the loop: nobody to tell
          RuntimeException lost = new UncheckedIOException(e);
          post(() -> {
            protocol.connectionLost(lost);
            onEof.run();
          });
          return;
        }
        if (n < 0) {
          post(() -> {
            protocol.eofReceived();
            onEof.run();
          });
          return;
        }
        ByteBuffer chunk = ByteBuffer.wrap(buf, 0, n);
        synchronized (this) {
          inFlight = true;
        }
        if (!post(() -> deliver(chunk))) return;
      }
    } finally {
      closeQuietly();
    }
  }

  /* The reader copies the bytes in dataReceived, so the pump may reuse buf once this ran. */
  private void deliver(ByteBuffer chunk) {
    try {
      protocol.dataReceived(chunk);
    } finally {
      synchronized (this) {
        inFlight = false;
        notifyAll();
      }
    }
  }

  /** Waits until the last chunk was delivered and the reader is not paused; false once stopped. */
  private synchronized boolean awaitClear() {
    while ((inFlight || paused) && !stopped) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return !stopped;
  }

  private synchronized boolean isStopped() {
    return stopped;
  }

  private boolean post(Runnable r) {
    return ToLoop.post(loop, r);
  }

  @Override
  public synchronized void pauseReading() {
    paused = true;
  }

  @Override
  public synchronized void resumeReading() {
    paused = false;
    notifyAll();
  }

  /**
   * Stops the pump: a thread waiting for the reader leaves at once; one blocked reading leaves
   * when the pipe ends, which it does when the child dies (unless a grandchild holds the pipe).
   * The pump closes the stream itself: closing it under a blocked read would not wake the read.
   */
  public synchronized void stop() {
    stopped = true;
    notifyAll();
  }

  private void closeQuietly() {
    try {
      in.close();
    } catch (IOException ignored) {
      // the pipe is being abandoned: a failure to close it changes nothing for anyone
    }
  }

  /** The pump thread, for tests. */
  Thread thread() {
    return thread;
  }
}

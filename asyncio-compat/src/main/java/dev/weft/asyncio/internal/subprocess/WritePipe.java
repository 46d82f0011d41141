package dev.weft.asyncio.internal.subprocess;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.EventLoop;
import dev.weft.asyncio.Future;
import dev.weft.asyncio.internal.streams.Transport;
import dev.weft.continuations.Suspend;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;

/**
 * A child's stdin under a {@code StreamWriter}: CPython's write pipe transport over Java's
 * blocking process stream.
 *
 * <p>Back-pressure: {@link #write} only queues (a copy) and returns; a daemon thread takes the
 * queue and writes it to the pipe, blocking there when the child does not read. Bytes count as
 * queued until the pipe took them, so {@link #drain()} suspends while more than
 * 64 KiB are queued, and is woken (through {@code callSoonThreadsafe}) once the
 * thread brought it down to 16 KiB. When the child dies the pipe breaks, the blocked
 * write fails, and drain raises the error instead of waiting forever.
 */
public final class WritePipe implements Transport {
  static final int HIGH_WATER = 64 * 1024;
  static final int LOW_WATER = HIGH_WATER / 4;
  private static final int SLICE = 16 * 1024;

  private final EventLoop loop;
  private final OutputStream out;
  private final String command;
  private final Future<Void> closedFuture;
  private final Thread thread;
  // guarded by this: shared by the pump thread and the loop thread
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean closeRequested;
  private boolean childExited;
  private boolean stopped;
  private IOException failure;
  private Future<Void> drainWaiter;

  /** Starts a pump thread named {@code name} writing to {@code out}, the stdin of {@code command}. */
  public WritePipe(EventLoop loop, OutputStream out, String command, String name) {
    this.loop = loop;
    this.out = out;
    this.command = command;
    this.closedFuture = loop.createFuture();
    this.thread = new Thread(this::pump, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void write(byte[] data) {
    if (closeRequested) throw new IllegalStateException("Cannot call write() after write_eof() or close()");
    if (childExited && failure == null) failure = new IOException("Broken pipe: the process exited");
    if (failure != null || data.length == 0) return; // as CPython: writes after the loss are dropped, drain() reports it
    queue.add(data.clone()); // the caller may reuse its array after write()
    queuedBytes += data.length;
    notifyAll();
  }

  @Override
  public void drain() throws Suspend {
    Future<Void> w;
    synchronized (this) {
      if (failure != null) throw brokenPipe(failure);
      if (queuedBytes <= HIGH_WATER) return;
      w = loop.createFuture();
      drainWaiter = w;
    }
    Asyncio.await(w);
  }

  private UncheckedIOException brokenPipe(IOException cause) {
    return new UncheckedIOException("Broken pipe: the stdin of " + command + " (" + cause.getMessage() + ")", cause);
  }

  private void pump() {
    try {
      for (;;) {
        byte[] data;
        synchronized (this) {
          while (queue.isEmpty() && !closeRequested && !childExited && !stopped) wait();
          if (stopped) return;
          if (queue.isEmpty()) break; // closed with everything written, or the child is gone
          data = queue.poll();
        }
        // Slices, so queuedBytes falls as the pipe takes bytes and drain wakes before a big write ends.
        for (int off = 0; off < data.length; off += SLICE) {
          int n = Math.min(SLICE, data.length - off);
          out.write(data, off, n);
          out.flush();
          wrote(n);
        }
      }
    } catch (IOException e) {
      failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        out.close();
      } catch (IOException e) {
        synchronized (this) {
          if (failure == null && !stopped) failed(e);
        }
      }
      post(() -> {
        if (!closedFuture.done()) closedFuture.setResult(null);
      });
    }
  }

  private void wrote(int n) {
    Future<Void> w = null;
    synchronized (this) {
      queuedBytes -= n;
      if (queuedBytes <= LOW_WATER && drainWaiter != null) {
        w = drainWaiter;
        drainWaiter = null;
      }
    }
    if (w != null) {
      Future<Void> waiter = w;
      post(() -> {
        if (!waiter.done()) waiter.setResult(null);
      });
    }
  }

  private void failed(IOException e) {
    Future<Void> w;
    synchronized (this) {
      failure = e;
      queue.clear();
      queuedBytes = 0;
      w = drainWaiter;
      drainWaiter = null;
    }
    if (w != null) {
      UncheckedIOException err = brokenPipe(e);
      post(() -> {
        if (!w.done()) w.setException(err);
      });
    }
  }

  private void post(Runnable r) {
    ToLoop.post(loop, r);
  }


  /** The child exited: once the queue is empty the pump has nothing more to do and leaves. */
  public synchronized void childExited() {
    childExited = true;
    notifyAll();
  }

  /** Stops the pump without writing what is queued (the loop is closing). */
  public synchronized void stop() {
    stopped = true;
    notifyAll();
  }

  @Override
  public void writeEof() {
    close();
  }

  @Override
  public synchronized void close() {
    closeRequested = true;
    notifyAll();
  }

  /** Closes the pipe without writing what is queued (the pump stops and closes it). */
  @Override
  public synchronized void abort() {
    closeRequested = true;
    stop();
  }

  @Override
  public synchronized boolean isClosing() {
    return closeRequested || failure != null;
  }

  @Override
  public Future<Void> closed() {
    return closedFuture;
  }

  /** Python's {@code get_extra_info("pipe")}: the child's stdin stream; null for other names. */
  @Override
  public Object extraInfo(String name) {
    return "pipe".equals(name) ? out : null;
  }

  /* A write pipe has nothing to read: the reader-side flow control does not apply. */
  @Override
  public void pauseReading() {}

  @Override
  public void resumeReading() {}

  /** The pump thread, for tests. */
  Thread thread() {
    return thread;
  }
}

package dev.weft.asyncio.internal.streams;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.EventLoop;
import dev.weft.asyncio.Future;
import dev.weft.continuations.Suspend;
import java.util.ArrayDeque;

/**
 * A TLS writer's bytes waiting for a handshake to end, in order, counted so that {@code drain()}
 * waits while too many are held: a peer that stalls a renegotiation must not let a writer grow
 * this queue without bound until the handshake deadline. Loop thread only.
 */
final class HeldWrites {
  private final EventLoop loop;
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private long bytes;
  private Future<Void> waiter;

  HeldWrites(EventLoop loop) {
    this.loop = loop;
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  void add(byte[] data) {
    queue.add(data);
    bytes += data.length;
  }

  /** Puts back, first in line, what the engine did not take. */
  void putBack(byte[] rest) {
    queue.addFirst(rest);
    bytes += rest.length;
  }

  byte[] poll() {
    byte[] data = queue.poll();
    if (data != null) bytes -= data.length;
    return data;
  }

  /** Suspends while more than {@code limit} bytes are held; see {@link #release}. */
  void awaitAtMost(long limit) throws Suspend {
    while (bytes > limit) {
      if (waiter == null || waiter.done()) waiter = loop.createFuture();
      Asyncio.await(waiter);
    }
  }

  /** Wakes a waiting drain: the held bytes went out, or ({@code failure} not null) never will. */
  void release(RuntimeException failure) {
    if (failure != null) {
      queue.clear();
      bytes = 0;
    }
    Future<Void> w = waiter;
    waiter = null;
    if (w == null || w.done()) return;
    if (failure != null) w.setException(failure);
    else w.setResult(null);
  }
}

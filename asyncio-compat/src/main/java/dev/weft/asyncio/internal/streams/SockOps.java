package dev.weft.asyncio.internal.streams;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Future;
import dev.weft.asyncio.internal.loop.SelectorLoop;
import dev.weft.continuations.Suspend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * CPython's {@code loop.sock_*} coroutines: one operation on a non-blocking channel, tried at
 * once and retried each time the loop's selector reports the channel ready. A cancelled wait
 * leaves no callback registered.
 */
public final class SockOps {
  private SockOps() {}

  public static void checkNonBlocking(SelectableChannel ch) {
    if (ch.isBlocking()) throw new IllegalArgumentException("the socket must be non-blocking");
  }

  public static byte[] recv(SelectorLoop loop, SocketChannel ch, int n) throws Suspend {
    if (n == 0) return new byte[0];
    ByteBuffer buf = ByteBuffer.allocate(n);
    for (;;) {
      int r;
      try {
        r = ch.read(buf);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (r < 0) return new byte[0];
      if (r > 0) return Arrays.copyOf(buf.array(), r);
      awaitReady(loop, ch, SelectionKey.OP_READ);
    }
  }

  public static void sendall(SelectorLoop loop, SocketChannel ch, byte[] data) throws Suspend {
    ByteBuffer buf = ByteBuffer.wrap(data);
    boolean copied = false;
    for (;;) {
      try {
        ch.write(buf);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!buf.hasRemaining()) return;
      if (!copied) { // the caller may change its array while we wait: keep what is left to send
        buf = ByteBuffer.wrap(Arrays.copyOfRange(data, buf.position(), data.length));
        copied = true;
      }
      awaitReady(loop, ch, SelectionKey.OP_WRITE);
    }
  }

  public static void connect(SelectorLoop loop, SocketChannel ch, SocketAddress address) throws Suspend {
    address = HostLookup.resolved(loop.loop(), address);
    try {
      if (ch.connect(address)) return;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitReady(loop, ch, SelectionKey.OP_CONNECT);
    try {
      ch.finishConnect();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SocketChannel accept(SelectorLoop loop, ServerSocketChannel server) throws Suspend {
    for (;;) {
      SocketChannel client;
      try {
        client = server.accept();
        if (client != null) {
          client.configureBlocking(false);
          return client;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      awaitReady(loop, server, SelectionKey.OP_ACCEPT);
    }
  }

  /** Suspends until the selector reports {@code ops} on {@code ch}; the callback is gone afterwards, even when cancelled. */
  static void awaitReady(SelectorLoop loop, SelectableChannel ch, int ops) throws Suspend {
    Future<Void> ready = loop.loop().createFuture();
    Runnable wake = () -> {
      if (!ready.done()) ready.setResult(null);
    };
    boolean reading = (ops & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0;
    if (reading) loop.addReader(ch, wake);
    else loop.addWriter(ch, ops, wake);
    try {
      Asyncio.await(ready);
    } finally {
      if (!loop.loop().isClosed()) {
        if (reading) loop.removeReader(ch);
        else loop.removeWriter(ch);
      }
    }
  }
}

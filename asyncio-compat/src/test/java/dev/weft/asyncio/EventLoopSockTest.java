package dev.weft.asyncio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.continuations.Suspend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/** The loop's low-level socket coroutines: sockConnect, sockAccept, sockSendall, sockRecv. */
class EventLoopSockTest extends LoopFixture {

  static ServerSocketChannel listener() throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    server.configureBlocking(false);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return server;
  }

  static SocketChannel nonBlocking() throws IOException {
    SocketChannel ch = SocketChannel.open();
    ch.configureBlocking(false);
    return ch;
  }

  /** Channel calls inside a coroutine body, whose lambda may not throw IOException. */
  @FunctionalInterface
  interface Io<T> {
    T call() throws IOException;
  }

  static <T> T io(Io<T> call) {
    try {
      return call.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Void close(SocketChannel... channels) {
    for (SocketChannel ch : channels) io(() -> { ch.close(); return null; });
    return null;
  }

  /** A connected pair: the client side, then the accepted side. */
  SocketChannel[] pair(ServerSocketChannel server) throws Suspend {
    SocketChannel client = io(EventLoopSockTest::nonBlocking);
    Task<SocketChannel> accepted = Asyncio.createTask(loop.sockAccept(server));
    Asyncio.await(loop.sockConnect(client, io(server::getLocalAddress)));
    return new SocketChannel[] {client, Asyncio.await(accepted)};
  }

  @Test
  void connectAcceptSendallRecv_roundTrip_thenEmptyAtEof() throws IOException {
    try (ServerSocketChannel server = listener()) {
      String got = run(Asyncio.async(() -> {
        SocketChannel[] p = pair(server);
        assertFalse(p[1].isBlocking());
        assertEquals(io(p[0]::getLocalAddress), io(p[1]::getRemoteAddress));
        Asyncio.await(loop.sockSendall(p[0], "ping".getBytes(UTF_8)));
        io(p[0]::shutdownOutput);
        StringBuilder in = new StringBuilder();
        for (byte[] b; (b = Asyncio.await(loop.sockRecv(p[1], 2))).length > 0; ) in.append(new String(b, UTF_8));
        assertEquals(0, Asyncio.await(loop.sockRecv(p[1], 0)).length);
        close(p);
        return in.toString();
      }));
      assertEquals("ping", got);
    }
  }

  @Test
  void sockRecv_cancelledWhileWaiting_laterRecvGetsTheData() throws IOException {
    try (ServerSocketChannel server = listener()) {
      String got = run(Asyncio.async(() -> {
        SocketChannel[] p = pair(server);
        Task<byte[]> waiting = Asyncio.createTask(loop.sockRecv(p[1], 100));
        Asyncio.await(Asyncio.sleep(0));
        waiting.cancel();
        try {
          Asyncio.await(waiting);
        } catch (CancelledError expected) {
          steps.expect(1);
        }
        Asyncio.await(loop.sockSendall(p[0], "late".getBytes(UTF_8)));
        String r = new String(Asyncio.await(loop.sockRecv(p[1], 100)), UTF_8);
        close(p);
        return r;
      }));
      assertEquals("late", got);
      steps.finish(2);
    }
  }

  /** Megabytes through a loopback socket: sendall must wait for the reader more than once. */
  @Test
  void sockSendall_moreThanTheSocketTakes_allArrivesInOrder_callerMayReuseArray() throws IOException {
    byte[] data = new byte[8 << 20];
    for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7);
    byte[] expected = data.clone();
    try (ServerSocketChannel server = listener()) {
      byte[] got = run(Asyncio.async(() -> {
        SocketChannel[] p = pair(server);
        Task<Void> send = Asyncio.createTask(loop.sockSendall(p[0], data));
        Asyncio.await(Asyncio.sleep(0)); // the first send fills the socket, the rest waits
        java.util.Arrays.fill(data, (byte) 0);
        java.io.ByteArrayOutputStream in = new java.io.ByteArrayOutputStream();
        while (in.size() < expected.length) in.writeBytes(Asyncio.await(loop.sockRecv(p[1], 1 << 16)));
        Asyncio.await(send);
        close(p);
        return in.toByteArray();
      }));
      assertArrayEquals(expected, got);
    }
  }

  @Test
  void sockConnect_refused_uncheckedIoWrappingConnectException() throws IOException {
    int port;
    try (ServerSocketChannel closed = listener()) {
      port = ((InetSocketAddress) closed.getLocalAddress()).getPort();
    }
    Throwable failure = run(Asyncio.async(() -> {
      SocketChannel ch = io(EventLoopSockTest::nonBlocking);
      try {
        Asyncio.await(loop.sockConnect(ch, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        return null;
      } catch (UncheckedIOException e) {
        return e.getCause();
      } finally {
        close(ch);
      }
    }));
    assertInstanceOf(ConnectException.class, failure);
  }

  @Test
  void sockOps_blockingChannel_illegalArgument() throws IOException {
    try (SocketChannel blocking = SocketChannel.open(); ServerSocketChannel blockingServer = ServerSocketChannel.open()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.sockRecv(blocking, 1));
      assertEquals("the socket must be non-blocking", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> loop.sockSendall(blocking, new byte[1]));
      assertThrows(IllegalArgumentException.class, () -> loop.sockConnect(blocking, new InetSocketAddress(1)));
      assertThrows(IllegalArgumentException.class, () -> loop.sockAccept(blockingServer));
    }
  }
}

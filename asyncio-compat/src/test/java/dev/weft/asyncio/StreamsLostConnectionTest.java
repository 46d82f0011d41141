package dev.weft.asyncio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.continuations.Suspend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SEMANTICS AX9: once the connection failed, reads throw that failure, whatever is still buffered. */
class StreamsLostConnectionTest extends LoopFixture {

  /** Awaits {@code read}, which must fail, and returns its failure. */
  static RuntimeException failure(Coroutine<?> read) throws Suspend {
    try {
      Asyncio.await(read);
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("the read succeeded");
  }

  @Test // SEMANTICS AX9
  void read_afterFailureWithDataBuffered_throwsThatFailure() {
    UncheckedIOException reset = new UncheckedIOException(new SocketException("Connection reset"));
    run(Asyncio.async(() -> {
      StreamReader reader = new StreamReader(loop, StreamReader.DEFAULT_LIMIT);
      reader.feedData("buffered\n".getBytes(UTF_8), 9);
      reader.setException(reset);
      assertSame(reset, failure(reader.read(4)));
      assertSame(reset, failure(reader.readline()));
      assertSame(reset, failure(reader.readexactly(1)));
      assertSame(reset, failure(reader.readuntil(new byte[] {'\n'})));
      return null;
    }));
  }

  /**
   * A peer that sends five bytes in one write, then resets the connection (SO_LINGER 0). The
   * client reads two of them, so three stay buffered when the reset arrives.
   */
  @Test // SEMANTICS AX9
  void read_afterPeerReset_throwsSocketExceptionThoughBytesBuffered() throws IOException {
    CountDownLatch twoBytesRead = new CountDownLatch(1);
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      run(Asyncio.async(() -> {
        Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", listener.getLocalPort()));
        Future<Void> peer = Asyncio.ensureFuture(Asyncio.toThread(() -> {
          try (Socket s = listener.accept()) {
            s.getOutputStream().write("hello".getBytes(UTF_8));
            if (!twoBytesRead.await(10, TimeUnit.SECONDS)) throw new AssertionError("client never read");
            s.setSoLinger(true, 0); // close() now sends RST instead of FIN
          }
          return null;
        }));
        assertEquals("he", new String(Asyncio.await(c.reader().readexactly(2)), UTF_8));
        twoBytesRead.countDown();
        Asyncio.await(peer);
        Asyncio.await(c.writer().waitClosed()); // the transport saw the reset and closed
        RuntimeException e = failure(c.reader().read(100));
        assertInstanceOf(UncheckedIOException.class, e);
        assertInstanceOf(SocketException.class, e.getCause());
        assertSame(e, failure(c.reader().readexactly(3)));
        return null;
      }));
    }
  }

  /** The peer resets while megabytes still wait in the transport for the socket to take them. */
  @Test // SEMANTICS AX10
  void drain_peerVanishesMidWrite_throwsConnectionLost() throws IOException {
    CountDownLatch written = new CountDownLatch(1);
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      run(Asyncio.async(() -> {
        Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", listener.getLocalPort()));
        Future<Void> peer = Asyncio.ensureFuture(Asyncio.toThread(() -> {
          try (Socket s = listener.accept()) {
            if (!written.await(10, TimeUnit.SECONDS)) throw new AssertionError("client never wrote");
            s.setSoLinger(true, 0);
          }
          return null;
        }));
        c.writer().write(new byte[8 << 20]);
        written.countDown();
        RuntimeException lost = failure(c.writer().drain());
        assertInstanceOf(UncheckedIOException.class, lost);
        assertEquals("Connection lost", lost.getMessage());
        c.writer().write(new byte[] {1}); // ignored, as Python's transport ignores writes after the loss
        assertInstanceOf(UncheckedIOException.class, failure(c.writer().drain()));
        Asyncio.await(c.writer().waitClosed());
        Asyncio.await(peer);
        return null;
      }));
    }
  }
}

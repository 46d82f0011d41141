package dev.weft.asyncio;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** #18: {@code loop.create_connection} / {@code create_server} with protocols and transports, over loopback. */
@Timeout(60)
class ProtocolTransportTest extends LoopFixture {
  /** Logs every callback in order; {@link #lost} completes with connectionLost's argument. */
  static class Recorder implements Protocol {
    final List<String> log = new ArrayList<>();
    final StringBuilder received = new StringBuilder();
    final Future<Exception> lost = Asyncio.getRunningLoop().createFuture();
    final Future<Void> eof = Asyncio.getRunningLoop().createFuture();
    Transport transport;
    boolean keepOpenAtEof;

    @Override
    public void connectionMade(Transport t) {
      transport = t;
      log.add("made");
    }

    @Override
    public void dataReceived(byte[] data) {
      received.append(new String(data, US_ASCII));
      if (!log.get(log.size() - 1).equals("data")) log.add("data");
    }

    @Override
    public boolean eofReceived() {
      log.add("eof");
      eof.setResult(null);
      return keepOpenAtEof;
    }

    @Override
    public void pauseWriting() {
      log.add("pause");
    }

    @Override
    public void resumeWriting() {
      log.add("resume");
    }

    @Override
    public void connectionLost(Exception exc) {
      log.add("lost " + exc);
      lost.setResult(exc);
    }
  }

  /** Writes back what it reads; at EOF, the default: the transport closes. */
  static final class Echo extends Recorder {
    @Override
    public void dataReceived(byte[] data) {
      super.dataReceived(data);
      transport.write(data);
    }
  }

  /** Serves {@link Echo}s on loopback; {@code accepted} gets each one. */
  Server echoServer(List<Recorder> accepted) throws dev.weft.continuations.Suspend {
    return Asyncio.await(loop.createServer(() -> {
      Echo e = new Echo();
      accepted.add(e);
      return e;
    }, "127.0.0.1", 0));
  }

  static void until(java.util.function.BooleanSupplier condition) throws dev.weft.continuations.Suspend {
    for (int i = 0; i < 10_000 && !condition.getAsBoolean(); i++) Asyncio.await(Asyncio.sleep(0));
    assertTrue(condition.getAsBoolean(), "condition never held");
  }

  @Test
  void echo_clientWritesThenWriteEof_callbacksInCPythonOrder_bothSidesLoseCleanly() {
    List<Recorder> accepted = new ArrayList<>();
    run(Asyncio.async(() -> {
      Server server = echoServer(accepted);
      StreamEndpoint<Recorder> c = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", server.port()));
      assertEquals(List.of("made"), c.protocol().log, "resolves once connectionMade has run");
      assertSame(c.transport(), c.protocol().transport);
      c.transport().write("hello ".getBytes(US_ASCII));
      c.transport().writelines(List.of("pro".getBytes(US_ASCII), "tocols".getBytes(US_ASCII)));
      until(() -> c.protocol().received.length() == 15);
      assertEquals("hello protocols", c.protocol().received.toString());
      c.transport().writeEof();
      // the server's Echo returns false at EOF: its transport closes, which the client reads as EOF
      assertNull(Asyncio.await(c.protocol().lost));
      assertEquals(List.of("made", "data", "eof", "lost null"), c.protocol().log);
      Recorder s = accepted.get(0);
      assertNull(Asyncio.await(s.lost));
      assertEquals(List.of("made", "data", "eof", "lost null"), s.log);
      assertEquals("hello protocols", s.received.toString());
      server.close();
      return null;
    }));
  }

  @Test
  void eofReceived_returnsTrue_serverWritesAfterThePeersEof() {
    run(Asyncio.async(() -> {
      Server server = Asyncio.await(loop.createServer(() -> new Recorder() {
        @Override
        public boolean eofReceived() {
          super.eofReceived();
          transport.write(("got " + received).getBytes(US_ASCII)); // still open: the answer goes out after the EOF
          transport.close();
          return true;
        }
      }, "127.0.0.1", 0));
      StreamEndpoint<Recorder> c = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", server.port()));
      c.transport().write("request".getBytes(US_ASCII));
      c.transport().writeEof();
      assertNull(Asyncio.await(c.protocol().lost));
      assertEquals("got request", c.protocol().received.toString());
      assertEquals(List.of("made", "data", "eof", "lost null"), c.protocol().log);
      server.close();
      return null;
    }));
  }

  @Test
  void eofReceived_returnsTrue_transportStaysOpen_untilTheProtocolCloses() {
    run(Asyncio.async(() -> {
      Server server = Asyncio.await(loop.createServer(() -> new Recorder() {
        @Override
        public void dataReceived(byte[] data) {
          transport.write("bye".getBytes(US_ASCII));
          transport.close();
        }
      }, "127.0.0.1", 0));
      StreamEndpoint<Recorder> c = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", server.port()));
      c.protocol().keepOpenAtEof = true;
      c.transport().write("hi".getBytes(US_ASCII));
      Asyncio.await(c.protocol().eof);
      for (int i = 0; i < 10; i++) Asyncio.await(Asyncio.sleep(0));
      assertFalse(c.transport().isClosing(), "eofReceived returned true: the transport stays open");
      assertFalse(c.protocol().lost.done());
      c.transport().close();
      assertNull(Asyncio.await(c.protocol().lost));
      assertEquals(List.of("made", "data", "eof", "lost null"), c.protocol().log);
      assertEquals("bye", c.protocol().received.toString());
      server.close();
      return null;
    }));
  }

  @Test
  void abort_connectionLostNull_inALaterIteration_peerSeesEof() {
    List<Recorder> accepted = new ArrayList<>();
    run(Asyncio.async(() -> {
      Server server = echoServer(accepted);
      StreamEndpoint<Recorder> c = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", server.port()));
      until(() -> accepted.size() == 1 && accepted.get(0).transport != null);
      c.transport().abort();
      assertTrue(c.transport().isClosing());
      assertEquals(List.of("made"), c.protocol().log, "connectionLost is not called from inside abort()");
      assertNull(Asyncio.await(c.protocol().lost));
      assertEquals(List.of("made", "lost null"), c.protocol().log);
      assertNull(Asyncio.await(accepted.get(0).lost));
      server.close();
      return null;
    }));
  }

  /* A plain non-blocking listener on a free loopback port: the far end a test drives by hand. */
  static ServerSocketChannel loopbackListener() throws IOException {
    ServerSocketChannel listener = ServerSocketChannel.open();
    listener.bind(new InetSocketAddress("127.0.0.1", 0));
    listener.configureBlocking(false);
    return listener;
  }

  static int portOf(ServerSocketChannel listener) throws IOException {
    return ((InetSocketAddress) listener.getLocalAddress()).getPort();
  }

  @Test
  void peerReset_connectionLostWithTheIoError() {
    run(Asyncio.async(() -> {
      try (ServerSocketChannel listener = loopbackListener()) {
        Task<SocketChannel> accept = Asyncio.createTask(loop.sockAccept(listener));
        StreamEndpoint<Recorder> c = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", portOf(listener)));
        SocketChannel peer = Asyncio.await(accept);
        peer.setOption(StandardSocketOptions.SO_LINGER, 0); // close() sends RST
        peer.close();
        Exception lost = Asyncio.await(c.protocol().lost);
        UncheckedIOException e = assertInstanceOf(UncheckedIOException.class, lost);
        assertInstanceOf(IOException.class, e.getCause());
        assertTrue(c.transport().isClosing());
        assertEquals("lost " + lost, c.protocol().log.get(c.protocol().log.size() - 1));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    }));
  }

  @Test
  void write_afterWriteEof_refused_afterClose_dropped() {
    List<Recorder> accepted = new ArrayList<>();
    run(Asyncio.async(() -> {
      Server server = echoServer(accepted);
      StreamEndpoint<Recorder> c = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", server.port()));
      Transport halfClosed = c.transport();
      halfClosed.writeEof();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> halfClosed.write("late".getBytes(US_ASCII)));
      assertEquals("Cannot call write() after write_eof()", e.getMessage());
      halfClosed.close();
      assertThrows(IllegalStateException.class, () -> halfClosed.write("late".getBytes(US_ASCII)), "as CPython: the EOF is checked first");
      Transport t = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", server.port())).transport();
      t.close();
      try (LogCapture logs = LogCapture.start()) {
        for (int i = 0; i < 6; i++) t.write("dropped".getBytes(US_ASCII)); // as CPython: dropped, warned after five
        assertEquals(2, logs.count("socket.send() raised exception."));
      }
      assertNull(Asyncio.await(c.protocol().lost));
      until(() -> accepted.size() == 2 && accepted.get(1).lost.done());
      assertEquals(0, accepted.get(0).received.length() + accepted.get(1).received.length(), "nothing was sent");
      server.close();
      return null;
    }));
  }

  @Test
  void pauseWriting_whenThePeerStopsReading_resumeWriting_onceItReads() {
    run(Asyncio.async(() -> {
      try (ServerSocketChannel listener = loopbackListener()) {
        Task<SocketChannel> accept = Asyncio.createTask(loop.sockAccept(listener));
        StreamEndpoint<Recorder> c = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", portOf(listener)));
        SocketChannel peer = Asyncio.await(accept); // reads nothing yet
        Transport t = c.transport();
        t.setWriteBufferLimits(128 * 1024, 16 * 1024);
        byte[] chunk = new byte[64 * 1024];
        long written = 0;
        while (!c.protocol().log.contains("pause") && written < (1L << 30)) {
          t.write(chunk); // never blocks: the socket's buffer fills, then the transport's
          written += chunk.length;
        }
        assertEquals(List.of("made", "pause"), c.protocol().log);
        assertTrue(t.getWriteBufferSize() > 128 * 1024, "paused above the high-water mark: " + t.getWriteBufferSize());
        long read = 0;
        while (read < written) read += Asyncio.await(loop.sockRecv(peer, 1 << 20)).length;
        assertEquals(List.of("made", "pause", "resume"), c.protocol().log);
        assertEquals(0, t.getWriteBufferSize());
        t.close();
        peer.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    }));
  }

  @Test
  void setWriteBufferLimits_badLimits_refusedWithCPythonsMessage() {
    List<Recorder> accepted = new ArrayList<>();
    run(Asyncio.async(() -> {
      Server server = echoServer(accepted);
      Transport t = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", server.port())).transport();
      assertEquals("high (1) must be >= low (2) must be >= 0",
          assertThrows(IllegalArgumentException.class, () -> t.setWriteBufferLimits(1, 2)).getMessage());
      assertEquals("high (-4) must be >= low (-1) must be >= 0",
          assertThrows(IllegalArgumentException.class, () -> t.setWriteBufferLimits(null, -1)).getMessage());
      t.setWriteBufferLimits(null, null);
      t.setWriteBufferLimits(0, 0);
      t.close();
      server.close();
      return null;
    }));
  }

  @Test
  void pauseReading_stopsDataReceived_untilResumeReading() {
    List<Recorder> accepted = new ArrayList<>();
    run(Asyncio.async(() -> {
      Server server = echoServer(accepted);
      StreamEndpoint<Recorder> c = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", server.port()));
      Transport t = c.transport();
      assertTrue(t.isReading());
      t.pauseReading();
      assertFalse(t.isReading());
      t.write("ping".getBytes(US_ASCII));
      until(() -> accepted.size() == 1 && accepted.get(0).received.length() == 4);
      for (int i = 0; i < 20; i++) Asyncio.await(Asyncio.sleep(0));
      assertEquals("", c.protocol().received.toString(), "paused: the echo waits in the socket");
      t.resumeReading();
      assertTrue(t.isReading());
      until(() -> c.protocol().received.length() == 4);
      t.close();
      assertFalse(t.isReading(), "a closing transport is not reading");
      server.close();
      return null;
    }));
  }

  @Test
  void getExtraInfo_addressesAndSocket_noSslContextWhenPlain() {
    List<Recorder> accepted = new ArrayList<>();
    run(Asyncio.async(() -> {
      Server server = echoServer(accepted);
      Transport t = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", server.port())).transport();
      assertEquals(new InetSocketAddress("127.0.0.1", server.port()), t.getExtraInfo("peername"));
      try {
        assertEquals(((SocketChannel) t.getExtraInfo("socket")).getLocalAddress(), t.getExtraInfo("sockname"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      assertNull(t.getExtraInfo("sslcontext"));
      assertNull(t.getExtraInfo("no such thing"));
      assertTrue(t.canWriteEof());
      t.close();
      server.close();
      return null;
    }));
  }

  @Test
  void dataReceived_throws_reportedAsFatal_connectionLostGetsIt() {
    IllegalStateException boom = new IllegalStateException("boom");
    List<Recorder> accepted = new ArrayList<>();
    run(Asyncio.async(() -> {
      Server server = echoServer(accepted);
      StreamEndpoint<Recorder> c = Asyncio.await(loop.createConnection(() -> new Recorder() {
        @Override
        public void dataReceived(byte[] data) {
          throw boom;
        }
      }, "127.0.0.1", server.port()));
      c.transport().write("ping".getBytes(US_ASCII));
      assertSame(boom, Asyncio.await(c.protocol().lost));
      server.close();
      return null;
    }));
    Map<String, Object> report = reports.stream().filter(r -> r.get("exception") == boom).findFirst().orElseThrow();
    assertEquals("Fatal error: protocol.data_received() call failed.", report.get("message"));
    assertSame(boom, report.get("exception"));
    reports.clear();
  }

  @Test
  void eofReceived_throws_reportedAsFatal_connectionLostGetsIt() {
    IllegalStateException boom = new IllegalStateException("boom at eof");
    run(Asyncio.async(() -> {
      Server server = Asyncio.await(loop.createServer(() -> new Recorder() {
        @Override
        public boolean eofReceived() {
          throw boom;
        }
      }, "127.0.0.1", 0));
      StreamEndpoint<Recorder> c = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", server.port()));
      c.transport().writeEof();
      assertNull(Asyncio.await(c.protocol().lost), "the server aborted: the client reads the end");
      server.close();
      Asyncio.await(server.waitClosed());
      return null;
    }));
    Map<String, Object> report = reports.stream().filter(r -> r.get("exception") == boom).findFirst().orElseThrow();
    assertEquals("Fatal error: protocol.eof_received() call failed.", report.get("message"));
    assertInstanceOf(Transport.class, report.get("transport"));
    reports.clear();
  }

  @Test
  void createConnection_nobodyListening_failsWithConnectException() {
    int port = run(Asyncio.async(() -> {
      Server server = echoServer(new ArrayList<>());
      int p = server.port();
      server.close();
      return p;
    }));
    loop = new EventLoop(clock);
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> run(Asyncio.async(() -> Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", port)))));
    assertInstanceOf(ConnectException.class, e.getCause());
  }

  @Test
  void createConnection_badArguments_refusedAtTheCall() {
    assertThrows(NullPointerException.class, () -> loop.createConnection(null, "127.0.0.1", 1));
    assertThrows(NullPointerException.class, () -> loop.createConnection(Recorder::new, null, 1));
    assertEquals("server_hostname is only meaningful with ssl", assertThrows(IllegalArgumentException.class,
        () -> loop.createConnection(Recorder::new, "127.0.0.1", 1, null, "example.org")).getMessage());
  }
}

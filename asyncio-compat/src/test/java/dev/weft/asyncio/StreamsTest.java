package dev.weft.asyncio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Suspend;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Streams over loopback TCP; no timers, so the manual clock never moves. */
class StreamsTest extends LoopFixture {

  static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  static String s(byte[] b) {
    return new String(b, UTF_8);
  }

  /** Starts a server that writes {@code payload} then closes, connects to it and runs {@code body} with the connection. */
  <T> T withPayload(String payload, boolean closeAfter, StreamBody<T> body) {
    return run(Asyncio.async(() -> {
      Server server = Asyncio.await(Asyncio.startServer((r, w) -> {
        w.write(b(payload));
        if (closeAfter) w.close();
        return null;
      }, "127.0.0.1", 0));
      try {
        Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", server.port()));
        try {
          return body.run(c);
        } finally {
          c.writer().close();
        }
      } finally {
        server.close();
      }
    }));
  }

  @FunctionalInterface
  interface StreamBody<T> {
    T run(Connection c) throws Suspend;
  }

  @Test // SEMANTICS AX1, AX2, AX10
  void echoServer_roundTrip_portZeroPicked_peername() {
    String reply = run(Asyncio.async(() -> {
      Server server = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.async(() -> {
        byte[] line = Asyncio.await(r.readline());
        w.write(b("echo " + s(line)));
        Asyncio.await(w.drain());
        w.close();
        Asyncio.await(w.waitClosed());
        return null;
      }), "127.0.0.1", 0));
      assertTrue(server.port() > 0);
      Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", server.port()));
      assertEquals(server.port(), ((InetSocketAddress) c.writer().getExtraInfo("peername")).getPort());
      assertInstanceOf(InetSocketAddress.class, c.writer().getExtraInfo("sockname"));
      assertNull(c.writer().getExtraInfo("other"));
      c.writer().write(b("hi\n"));
      String r = s(Asyncio.await(c.reader().read(-1)));
      assertTrue(c.reader().atEof());
      c.writer().close();
      assertTrue(c.writer().isClosing());
      Asyncio.await(c.writer().waitClosed());
      server.close();
      Asyncio.await(server.waitClosed());
      return r;
    }));
    assertEquals("echo hi\n", reply);
  }

  @Test // SEMANTICS AX1
  void openConnection_refused_uncheckedIoWrappingConnectException() {
    int port = run(Asyncio.async(() -> {
      Server s = Asyncio.await(Asyncio.startServer((r, w) -> null, "127.0.0.1", 0));
      int p = s.port();
      s.close();
      return p;
    }));
    loop = new EventLoop(clock);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> run(Asyncio.openConnection("127.0.0.1", port)));
    assertInstanceOf(ConnectException.class, e.getCause());
  }

  @Test // SEMANTICS AX3
  void read_zeroNegativePositiveAndEof() {
    List<String> got = withPayload("abcdef", true, c -> {
      List<String> out = new ArrayList<>();
      out.add(s(Asyncio.await(c.reader().read(0))));
      out.add(s(Asyncio.await(c.reader().readexactly(2))));
      out.add(s(Asyncio.await(c.reader().read(100)))); // what is buffered, at most 100
      out.add(s(Asyncio.await(c.reader().read(-1))));
      out.add(s(Asyncio.await(c.reader().read(5)))); // at EOF: empty
      return out;
    });
    assertEquals("", got.get(0));
    assertEquals("ab", got.get(1));
    assertEquals("cdef", got.get(2) + got.get(3));
    assertEquals("", got.get(4));
  }

  @Test // SEMANTICS AX4
  void readline_linesThenPartialThenEmpty() {
    List<String> got = withPayload("one\ntwo\npartial", true, c -> {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < 4; i++) out.add(s(Asyncio.await(c.reader().readline())));
      return out;
    });
    assertEquals(List.of("one\n", "two\n", "partial", ""), got);
  }

  @Test // SEMANTICS AX5
  void readexactly_eofFirst_incompleteReadError_badSizes() {
    IncompleteReadError e = withPayload("abc", true, c -> {
      assertThrows(IllegalArgumentException.class, () -> c.reader().readexactly(-1));
      assertEquals(0, Asyncio.await(c.reader().readexactly(0)).length);
      try {
        Asyncio.await(c.reader().readexactly(10));
        return null;
      } catch (IncompleteReadError x) {
        return x;
      }
    });
    assertArrayEquals(b("abc"), e.partial());
    assertEquals(10, e.expected());
  }

  @Test // SEMANTICS AX6
  void readuntil_separator_emptySepRejected_eofBeforeSep() {
    List<Object> got = withPayload("key=value;rest", true, c -> {
      List<Object> out = new ArrayList<>();
      assertThrows(IllegalArgumentException.class, () -> c.reader().readuntil(new byte[0]));
      out.add(s(Asyncio.await(c.reader().readuntil(b(";")))));
      try {
        Asyncio.await(c.reader().readuntil(b(";")));
      } catch (IncompleteReadError x) {
        out.add(s(x.partial()));
        assertNull(x.expected());
      }
      out.add(c.reader().atEof());
      return out;
    });
    assertEquals(List.of("key=value;", "rest", true), got);
  }

  @Test // SEMANTICS AX8
  void secondReadWhileWaiting_throws() {
    String msg = withPayload("", false, c -> {
      Task<byte[]> first = Asyncio.createTask(c.reader().read(10));
      Asyncio.await(Asyncio.sleep(0));
      try {
        Asyncio.await(c.reader().readline());
        return "no error";
      } catch (IllegalStateException e) {
        return e.getMessage();
      } finally {
        first.cancel();
      }
    });
    assertTrue(msg.contains("readline() called while another coroutine is already waiting for incoming data"), msg);
  }

  @Test // SEMANTICS AX9
  void cancelledRead_losesNoBufferedBytes() {
    String got = run(Asyncio.async(() -> {
      Future<StreamWriter> serverSide = loop.createFuture();
      Server server = Asyncio.await(Asyncio.startServer((r, w) -> {
        serverSide.setResult(w);
        return null;
      }, "127.0.0.1", 0));
      Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", server.port()));
      StreamWriter w = Asyncio.await(serverSide);
      Task<byte[]> waiting = Asyncio.createTask(c.reader().readexactly(4));
      Asyncio.await(Asyncio.sleep(0));
      waiting.cancel();
      try {
        Asyncio.await(waiting);
      } catch (CancelledError e) {
        steps.expect(1);
      }
      w.write(b("data"));
      String r = s(Asyncio.await(c.reader().readexactly(4)));
      w.close();
      c.writer().close();
      server.close();
      return r;
    }));
    assertEquals("data", got);
    steps.finish(2);
  }

  @Test // SEMANTICS AX10
  void writeAfterClose_throws_writeEofEndsPeerRead() {
    String got = run(Asyncio.async(() -> {
      Future<String> received = loop.createFuture();
      Server server = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.async(() -> {
        received.setResult(s(Asyncio.await(r.read(-1))));
        w.close();
        return null;
      }), "127.0.0.1", 0));
      Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", server.port()));
      c.writer().write(b("all of it"));
      c.writer().writeEof();
      assertThrows(IllegalStateException.class, () -> c.writer().write(b("more")));
      String r = Asyncio.await(received);
      c.writer().close();
      server.close();
      return r;
    }));
    assertEquals("all of it", got);
  }

  @Test // SEMANTICS AX10
  void drain_largeWrite_waitsUntilPeerReads() {
    int size = 4 * 1024 * 1024;
    int got = run(Asyncio.async(() -> {
      Future<Integer> total = loop.createFuture();
      Server server = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.async(() -> {
        total.setResult(Asyncio.await(r.read(-1)).length);
        w.close();
        return null;
      }), "127.0.0.1", 0));
      Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", server.port()));
      c.writer().write(new byte[size]);
      Asyncio.await(c.writer().drain());
      c.writer().writeEof();
      int n = Asyncio.await(total);
      c.writer().close();
      server.close();
      return n;
    }));
    assertEquals(size, got);
  }

  @Test // SEMANTICS AX2
  void serveForever_cancelled_closesServer() {
    run(Asyncio.async(() -> {
      Server server = Asyncio.await(Asyncio.startServer((r, w) -> null, "127.0.0.1", 0));
      Task<Void> serving = Asyncio.createTask(server.serveForever());
      Asyncio.await(Asyncio.sleep(0));
      assertTrue(server.isServing());
      serving.cancel();
      try {
        Asyncio.await(serving);
      } catch (CancelledError e) {
        steps.expect(1);
      }
      assertFalse(server.isServing());
      return null;
    }));
    steps.finish(2);
  }
}

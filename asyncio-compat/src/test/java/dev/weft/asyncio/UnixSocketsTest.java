package dev.weft.asyncio;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.StandardProtocolFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** #18: {@code open_unix_connection} / {@code start_unix_server} over real Unix domain sockets. */
class UnixSocketsTest extends LoopFixture {
  @TempDir
  Path dir;

  static Coroutine<?> echoLine(StreamReader r, StreamWriter w) {
    return Asyncio.async(() -> {
      w.write(Asyncio.await(r.readline()));
      Asyncio.await(w.drain());
      w.close();
      return null;
    });
  }

  @Test
  void echo_overASocketFile_removedWhenTheServerCloses() {
    Path sock = dir.resolve("echo.sock");
    byte[] reply = run(Asyncio.async(() -> {
      Server server = Asyncio.await(Asyncio.startUnixServer(UnixSocketsTest::echoLine, sock.toString()));
      assertTrue(Files.exists(sock));
      assertEquals(UnixDomainSocketAddress.of(sock), server.addresses().get(0));
      IllegalStateException noInet = assertThrows(IllegalStateException.class, server::sockets);
      assertTrue(noInet.getMessage().contains("use addresses()"), noInet.getMessage());
      Connection c = Asyncio.await(Asyncio.openUnixConnection(sock.toString()));
      c.writer().write("hello unix\n".getBytes(US_ASCII));
      byte[] line = Asyncio.await(c.reader().readline());
      assertArrayEquals(new byte[0], Asyncio.await(c.reader().readline()), "the server closed: EOF");
      c.writer().close();
      server.close();
      Asyncio.await(server.waitClosed());
      return line;
    }));
    assertEquals("hello unix\n", new String(reply, US_ASCII));
    assertFalse(Files.exists(sock), "closing the server removed its socket file");
  }

  @Test
  void staleSocketFile_replaced_regularFile_bindFails() throws Exception {
    Path stale = dir.resolve("stale.sock");
    try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      old.bind(UnixDomainSocketAddress.of(stale));
    }
    assertTrue(Files.exists(stale), "a closed Unix server leaves its file behind");
    Path regular = Files.writeString(dir.resolve("notes.txt"), "keep me");
    run(Asyncio.async(() -> {
      Server s = Asyncio.await(Asyncio.startUnixServer(UnixSocketsTest::echoLine, stale.toString()));
      assertTrue(s.isServing());
      s.close();
      UncheckedIOException e = assertThrows(UncheckedIOException.class,
          () -> Asyncio.await(Asyncio.startUnixServer(UnixSocketsTest::echoLine, regular.toString())));
      assertTrue(e.getCause() instanceof BindException, String.valueOf(e.getCause()));
      return null;
    }));
    assertEquals("keep me", Files.readString(regular));
  }

  @Test
  void connectWhereNoServerListens_failsWithTheIoError() {
    String nowhere = dir.resolve("nobody.sock").toString();
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> run(Asyncio.openUnixConnection(nowhere)));
    assertTrue(e.getCause() instanceof java.net.SocketException, String.valueOf(e.getCause()));
  }

  @Test
  void loopClose_removesTheSocketFileOfAServerLeftOpen() {
    Path sock = dir.resolve("left-open.sock");
    run(Asyncio.async(() -> Asyncio.await(Asyncio.startUnixServer(UnixSocketsTest::echoLine, sock.toString()))));
    assertTrue(loop.isClosed());
    assertFalse(Files.exists(sock));
  }
}

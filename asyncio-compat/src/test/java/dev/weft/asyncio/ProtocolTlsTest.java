package dev.weft.asyncio;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.asyncio.ProtocolTransportTest.Recorder;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** #18: protocols over TLS: {@code create_connection(ssl=)}, {@code create_server(ssl=)} and {@code loop.start_tls}. */
@Timeout(60)
class ProtocolTlsTest extends LoopFixture {
  @TempDir static Path dir;
  static SSLContext server;
  static SSLContext client;
  /* The JDK's default trust: not our self-signed certificate. */
  static SSLContext untrusting;

  @BeforeAll
  static void makeCertificates() throws Exception {
    KeyStore local = StreamsTlsTest.keyPair(dir, "proto", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
    server = StreamsTlsTest.serverContext(local);
    client = StreamsTlsTest.clientContext(local, "proto");
    untrusting = SSLContext.getDefault();
  }

  @Test
  void createConnection_overTls_echo_extraInfoNamesTheSession() {
    List<Recorder> accepted = new ArrayList<>();
    run(Asyncio.async(() -> {
      Server s = Asyncio.await(loop.createServer(() -> {
        Recorder e = new ProtocolTransportTest.Echo();
        accepted.add(e);
        return e;
      }, "127.0.0.1", 0, server));
      StreamEndpoint<Recorder> c = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", s.port(), client, "localhost"));
      assertEquals(List.of("made"), c.protocol().log, "connectionMade once the handshake is done");
      assertSame(client, c.transport().getExtraInfo("sslcontext"));
      assertInstanceOf(SSLEngine.class, c.transport().getExtraInfo("ssl_object"));
      c.transport().write("secret".getBytes(US_ASCII));
      ProtocolTransportTest.until(() -> c.protocol().received.length() == 6);
      assertEquals("secret", c.protocol().received.toString());
      assertSame(server, accepted.get(0).transport.getExtraInfo("sslcontext"));
      c.transport().close();
      assertNull(Asyncio.await(c.protocol().lost));
      assertNull(Asyncio.await(accepted.get(0).lost));
      s.close();
      return null;
    }));
  }

  @Test
  void createConnection_untrustedServer_failsTheHandshake_protocolToldNothing() {
    List<Recorder> made = new ArrayList<>();
    run(Asyncio.async(() -> {
      Server s = Asyncio.await(loop.createServer(Recorder::new, "127.0.0.1", 0, server));
      UncheckedIOException e = null;
      try {
        Asyncio.await(loop.createConnection(() -> {
          Recorder r = new Recorder();
          made.add(r);
          return r;
        }, "127.0.0.1", s.port(), untrusting, "localhost"));
      } catch (UncheckedIOException failed) {
        e = failed;
      }
      assertNotNull(e, "the handshake must fail");
      assertInstanceOf(javax.net.ssl.SSLException.class, e.getCause());
      assertEquals(1, made.size());
      for (int i = 0; i < 10; i++) Asyncio.await(Asyncio.sleep(0));
      assertEquals(List.of(), made.get(0).log);
      s.close();
      return null;
    }));
  }

  /*
   * A client that connects and never says hello: its connection is still in the server's TLS
   * handshake. CPython counts it from the accept on; closeClients ends it, and waitClosed returns.
   */
  void waitClosed_countsAConnectionInItsHandshake(Server s) throws dev.weft.continuations.Suspend {
    try (java.nio.channels.SocketChannel silent = java.nio.channels.SocketChannel.open()) {
      silent.configureBlocking(false);
      Asyncio.await(loop.sockConnect(silent, new java.net.InetSocketAddress("127.0.0.1", s.port())));
      for (int i = 0; i < 20; i++) Asyncio.await(Asyncio.sleep(0)); // accepted, its handshake under way
      s.close();
      Task<Void> waiting = Asyncio.createTask(s.waitClosed());
      for (int i = 0; i < 20; i++) Asyncio.await(Asyncio.sleep(0));
      assertFalse(waiting.done(), "a connection in its handshake is the server's too");
      s.closeClients();
      Asyncio.await(waiting);
      assertEquals(0, Asyncio.await(loop.sockRecv(silent, 100)).length, "closed by the server");
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void waitClosed_protocolServer_countsAConnectionInItsHandshake_closeClientsEndsIt() {
    List<Recorder> accepted = new ArrayList<>();
    run(Asyncio.async(() -> {
      waitClosed_countsAConnectionInItsHandshake(Asyncio.await(loop.createServer(() -> {
        Recorder r = new Recorder();
        accepted.add(r);
        return r;
      }, "127.0.0.1", 0, server)));
      for (int i = 0; i < 10; i++) Asyncio.await(Asyncio.sleep(0));
      assertEquals(List.of(), accepted.get(0).log, "no handshake, so no connectionMade, and no connectionLost");
      return null;
    }));
  }

  @Test
  void waitClosed_streamServer_countsAConnectionInItsHandshake_closeClientsEndsIt() {
    List<StreamWriter> handled = new ArrayList<>();
    run(Asyncio.async(() -> {
      waitClosed_countsAConnectionInItsHandshake(Asyncio.await(Asyncio.startServer((r, w) -> {
        handled.add(w);
        return null;
      }, "127.0.0.1", 0, server)));
      assertEquals(List.of(), handled, "the callback runs only after a handshake");
      return null;
    }));
  }

  /** Answers "STARTTLS" with "go", then upgrades and echoes what comes over TLS. */
  final class StartTlsServer extends Recorder {
    @Override
    public void dataReceived(byte[] data) {
      super.dataReceived(data);
      if (!received.toString().equals("STARTTLS\n")) {
        transport.write(data);
        return;
      }
      transport.pauseReading(); // the client's handshake must wait for the upgrade, not reach dataReceived
      transport.write("go\n".getBytes(US_ASCII));
      Asyncio.getRunningLoop().createTask(Asyncio.async(() -> {
        transport = Asyncio.await(loop.startTls(transport, this, server, true, null));
        received.setLength(0);
        return null;
      }));
    }
  }

  @Test
  void startTls_upgradesPlainTransportsInPlace_sameProtocols_noSecondConnectionMade() {
    List<Recorder> accepted = new ArrayList<>();
    run(Asyncio.async(() -> {
      Server s = Asyncio.await(loop.createServer(() -> {
        Recorder r = new StartTlsServer();
        accepted.add(r);
        return r;
      }, "127.0.0.1", 0));
      StreamEndpoint<Recorder> c = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", s.port()));
      c.transport().write("STARTTLS\n".getBytes(US_ASCII));
      ProtocolTransportTest.until(() -> c.protocol().received.toString().equals("go\n"));
      assertNull(c.transport().getExtraInfo("ssl_object"));
      Transport tls = Asyncio.await(loop.startTls(c.transport(), c.protocol(), client, false, "localhost"));
      assertInstanceOf(SSLEngine.class, tls.getExtraInfo("ssl_object"));
      assertSame(client, tls.getExtraInfo("sslcontext"));
      c.protocol().received.setLength(0);
      tls.write("over tls".getBytes(US_ASCII));
      ProtocolTransportTest.until(() -> c.protocol().received.length() == 8);
      assertEquals("over tls", c.protocol().received.toString());
      assertEquals("made", c.protocol().log.get(0));
      assertEquals(1, c.protocol().log.stream().filter("made"::equals).count());
      IllegalStateException again = assertThrows(IllegalStateException.class,
          () -> Asyncio.await(loop.startTls(tls, c.protocol(), client, false, "localhost")));
      assertTrue(again.getMessage().contains("already uses TLS"), again.getMessage());
      tls.close();
      assertNull(Asyncio.await(c.protocol().lost));
      assertNull(Asyncio.await(accepted.get(0).lost));
      s.close();
      return null;
    }));
  }

  @Test
  void startTls_badArguments_refusedAtTheCall() {
    Transport notOurs = new Transport() {
      public void write(byte[] data) {}
      public void writeEof() {}
      public boolean canWriteEof() { return false; }
      public void close() {}
      public void abort() {}
      public boolean isClosing() { return false; }
      public Object getExtraInfo(String name) { return null; }
      public void pauseReading() {}
      public void resumeReading() {}
      public boolean isReading() { return true; }
      public void setWriteBufferLimits(Integer high, Integer low) {}
      public int getWriteBufferSize() { return 0; }
      @Override public String toString() { return "NotOurs"; }
    };
    Protocol p = new Protocol() {};
    assertEquals("transport NotOurs is not supported by start_tls()", assertThrows(IllegalArgumentException.class,
        () -> loop.startTls(notOurs, p, client, false, "localhost")).getMessage());
    assertThrows(NullPointerException.class, () -> loop.startTls(notOurs, p, null, false, "localhost"));
  }
}

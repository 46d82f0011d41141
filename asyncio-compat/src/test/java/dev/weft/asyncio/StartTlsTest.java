package dev.weft.asyncio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code StreamWriter.startTls}: a plain connection upgraded in place, STARTTLS style, Weft to Weft. */
class StartTlsTest extends LoopFixture {
  @TempDir static Path dir;
  static SSLContext server;
  static SSLContext client;

  @BeforeAll
  static void makeCertificates() throws Exception {
    KeyStore local = StreamsTlsTest.keyPair(dir, "starttls", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
    server = StreamsTlsTest.serverContext(local);
    client = StreamsTlsTest.clientContext(local, "starttls");
  }

  static String line(StreamReader r) throws dev.weft.continuations.Suspend {
    return new String(Asyncio.await(r.readline()), UTF_8);
  }

  /*
   * The client sends STARTTLS and a plain line in one write, so both sit in the server's reader
   * before it upgrades: that line must still be read, in plain text, before the decrypted ones.
   */
  @Test
  void starttls_plainGreeting_thenUpgrade_bufferedPlainBytesStay_laterBytesDecrypted() {
    List<String> got = run(Asyncio.async(() -> {
      Future<List<String>> serverSaw = loop.createFuture();
      Server s = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.async(() -> {
        try {
          w.write("220 plain greeting\n".getBytes(UTF_8));
          String command = line(r);
          w.write("220 go ahead\n".getBytes(UTF_8));
          Asyncio.await(w.startTls(server));
          assertInstanceOf(SSLEngine.class, w.getExtraInfo("ssl_object"));
          String buffered = line(r);
          String secret = line(r);
          w.write(("over tls: " + secret).getBytes(UTF_8));
          serverSaw.setResult(List.of(command, buffered, secret));
          w.close();
        } catch (RuntimeException | AssertionError e) {
          serverSaw.setException(e);
        }
        return null;
      }), "127.0.0.1", 0));
      Connection c = Asyncio.await(Asyncio.openConnection("localhost", s.port()));
      assertEquals("220 plain greeting\n", line(c.reader()));
      assertNull(c.writer().getExtraInfo("ssl_object"));
      c.writer().write("STARTTLS\nsent plain before the upgrade\n".getBytes(UTF_8));
      assertEquals("220 go ahead\n", line(c.reader()));
      Asyncio.await(c.writer().startTls(client)); // checks the certificate against "localhost"
      assertNotNull(c.writer().getExtraInfo("peercert"), "the server's certificate, checked");
      c.writer().write("the secret\n".getBytes(UTF_8));
      String reply = line(c.reader());
      assertEquals(0, Asyncio.await(c.reader().read(-1)).length, "the server's close_notify ends the stream");
      c.writer().close();
      List<String> saw = Asyncio.await(serverSaw);
      s.close();
      return List.of(saw.get(0), saw.get(1), saw.get(2), reply);
    }));
    assertEquals(List.of("STARTTLS\n", "sent plain before the upgrade\n", "the secret\n", "over tls: the secret\n"), got);
  }

  @Test
  void startTls_refusesATlsConnection_aClosingOne_andABadTimeout() {
    run(Asyncio.async(() -> {
      Server tls = Asyncio.await(Asyncio.startServer((r, w) -> null, "127.0.0.1", 0, server));
      Connection secure = Asyncio.await(Asyncio.openConnection("localhost", tls.port(), client));
      IllegalStateException again = assertThrows(IllegalStateException.class,
          () -> Asyncio.await(secure.writer().startTls(client)));
      assertEquals("startTls: the connection already uses TLS", again.getMessage());
      secure.writer().close();
      tls.close();

      Server plain = Asyncio.await(Asyncio.startServer((r, w) -> null, "127.0.0.1", 0));
      Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", plain.port()));
      IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class,
          () -> c.writer().startTls(client, null, 0.0));
      assertTrue(timeout.getMessage().contains("ssl_handshake_timeout"), timeout.getMessage());
      c.writer().close();
      IllegalStateException closing = assertThrows(IllegalStateException.class,
          () -> Asyncio.await(c.writer().startTls(client)));
      assertEquals("startTls: the transport is closing", closing.getMessage());
      plain.close();
      return null;
    }));
  }

  /* A server that never answers the ClientHello: the handshake ends at its timeout, named, and the connection with it. */
  @Test
  void startTls_peerNeverHandshakes_failsWithTheTimeoutNamed_andClosesTheConnection() {
    Throwable failure = run(Asyncio.async(() -> {
      Server silent = Asyncio.await(Asyncio.startServer((r, w) -> null, "127.0.0.1", 0));
      Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", silent.port()));
      try {
        Asyncio.await(c.writer().startTls(client, null, 2.5));
        return null;
      } catch (UncheckedIOException e) {
        assertTrue(c.writer().isClosing(), "the connection is closed after a failed upgrade");
        return e.getCause();
      } finally {
        silent.close();
      }
    }));
    assertInstanceOf(SSLHandshakeException.class, failure);
    assertEquals("SSL handshake is taking longer than 2.5 seconds: aborting the connection", failure.getMessage());
  }
}

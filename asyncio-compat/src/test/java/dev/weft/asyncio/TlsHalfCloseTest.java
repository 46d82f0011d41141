package dev.weft.asyncio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code writeEof} over TLS, Weft to Weft: close_notify, then reading goes on. With TLS 1.3 the
 * peer may answer after it (a half-close); with TLS 1.2 its close_notify ends both directions.
 */
class TlsHalfCloseTest extends LoopFixture {
  @TempDir static Path dir;
  static SSLContext server;
  static SSLContext client;
  /** Offers nothing newer than TLS 1.2. */
  static SSLContext client12;

  @BeforeAll
  static void makeCertificates() throws Exception {
    KeyStore local = StreamsTlsTest.keyPair(dir, "half", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
    server = StreamsTlsTest.serverContext(local);
    client = StreamsTlsTest.clientContext(local, "half");
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("half", local.getCertificate("half"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    client12 = SSLContext.getInstance("TLSv1.2");
    client12.init(null, tmf.getTrustManagers(), null);
  }

  @Test
  void tls13_writeEof_peerReadsToTheEnd_thenAnswers_thenBothCloseNotifysCloseTheSocket() {
    String got = run(Asyncio.async(() -> {
      Server s = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.async(() -> {
        byte[] request = Asyncio.await(r.read(-1)); // ends only at the client's close_notify
        w.write(("you said " + new String(request, UTF_8)).getBytes(UTF_8));
        w.close();
        return null;
      }), "127.0.0.1", 0, server));
      Connection c = Asyncio.await(Asyncio.openConnection("localhost", s.port(), client));
      assertEquals("TLSv1.3", ((SSLEngine) c.writer().getExtraInfo("ssl_object")).getSession().getProtocol());
      assertTrue(c.writer().canWriteEof());
      c.writer().write("a request".getBytes(UTF_8));
      c.writer().writeEof();
      IllegalStateException late = assertThrows(IllegalStateException.class, () -> c.writer().write(new byte[1]));
      assertEquals("Cannot call write() after write_eof()", late.getMessage());
      String reply = new String(Asyncio.await(c.reader().read(-1)), UTF_8);
      Asyncio.await(Asyncio.waitFor(c.writer().waitClosed(), 5.0)); // both sides said close_notify: closed without close()
      s.close();
      return reply;
    }));
    assertEquals("you said a request", got);
  }

  @Test
  void tls12_writeEof_peerSeesTheEnd_andItsAnswerEndsBothDirections_itsLaterWriteRefusedByName() {
    String got = run(Asyncio.async(() -> {
      Future<String> serverSaw = loop.createFuture();
      Server s = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.async(() -> {
        w.write("early\n".getBytes(UTF_8)); // sent before the client's close_notify: still read by the client
        String request = new String(Asyncio.await(r.read(-1)), UTF_8);
        try {
          w.write("too late".getBytes(UTF_8));
          serverSaw.setResult(request + " | write accepted");
        } catch (IllegalStateException e) {
          serverSaw.setResult(request + " | " + e.getMessage());
        }
        return null;
      }), "127.0.0.1", 0, server));
      Connection c = Asyncio.await(Asyncio.openConnection("localhost", s.port(), client12));
      assertEquals("TLSv1.2", ((SSLEngine) c.writer().getExtraInfo("ssl_object")).getSession().getProtocol());
      c.writer().write("a request".getBytes(UTF_8));
      c.writer().writeEof();
      String early = new String(Asyncio.await(c.reader().readline()), UTF_8);
      assertEquals(0, Asyncio.await(c.reader().read(-1)).length, "the server's close_notify ends the stream");
      Asyncio.await(Asyncio.waitFor(c.writer().waitClosed(), 5.0));
      String saw = Asyncio.await(serverSaw);
      s.close();
      return early + saw;
    }));
    assertEquals("early\na request | Cannot call write(): the peer closed the TLSv1.2 connection with close_notify,"
        + " which before TLS 1.3 ends both directions", got);
  }
}

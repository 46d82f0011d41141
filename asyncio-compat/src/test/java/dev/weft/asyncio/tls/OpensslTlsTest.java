package dev.weft.asyncio.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Connection;
import dev.weft.asyncio.Future;
import dev.weft.asyncio.Server;
import dev.weft.asyncio.TimeoutError;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendableCallable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Weft's TLS streams against Debian's {@code openssl} (s_server and s_client): both TLS versions,
 * a client certificate, close_notify both ways, a key update (1.3) and a renegotiation (1.2), and
 * garbage after the handshake. Every Weft-side wait is bounded: a hang fails as a timeout.
 * Skipped when {@code /usr/bin/openssl} is absent.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpensslTlsTest {
  static final double WAIT_S = 10;

  @TempDir static Path dir;
  static OpensslPki pki;
  /* Trusting the server; the same presenting the client's certificate; the server's side, trusting the client. */
  static SSLContext trustServer;
  static SSLContext withClientCert;
  static SSLContext serverSide;

  @BeforeAll
  static void certificates() throws Exception {
    assumeTrue(OpensslPki.available(), "no /usr/bin/openssl (apt-get install openssl): TLS interop tests skipped");
    pki = new OpensslPki(dir);
    pki.make("server", "localhost");
    pki.make("client", "weft-client");
    trustServer = pki.context("server", null);
    withClientCert = pki.context("server", "client");
    serverSide = pki.context("client", "server");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1_2", "1_3"})
  void weftClient_againstSServer_exchanges_seesCloseNotify(String version) throws Exception {
    assertEquals("TLSv" + version.replace('_', '.'), clientSession(version, null));
  }

  /*
   * s_server reads its stdin in whatever chunks the pipe gives it and takes a chunk starting
   * with "k\n" as the command, dropping the rest of the chunk: the next line is sent only once it
   * printed the command's result (see clientSession). Sending both at once made this hang under load.
   */
  @Test
  void weftClient_againstSServer_survivesATls13KeyUpdate() throws Exception {
    assertEquals("TLSv1.3", clientSession("1_3", "k"));
  }

  /*
   * After s_server's HelloRequest the JDK engine renegotiates; a line the client writes meanwhile
   * must wait for the handshake to end, since OpenSSL fails the connection ("unexpected record")
   * on an application record between the ClientHello and the Finished.
   */
  @Test
  void weftClient_againstSServer_survivesATls12Renegotiation() throws Exception {
    assertEquals("TLSv1.2", clientSession("1_2", "r"));
  }

  /**
   * A Weft client against s_server at {@code version}: lines both ways, then {@code update} (an
   * s_server command, or null) and lines both ways again, then s_server's close_notify read as the
   * end of the stream. Returns the negotiated protocol.
   */
  private static String clientSession(String version, String update) throws Exception {
    int port = OpensslPeer.freePort();
    try (OpensslPeer server = OpensslPeer.server(pki, port, "-tls" + version)) {
      return bounded(() -> {
        Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port, trustServer));
        c.writer().write("hello from weft\n".getBytes(US_ASCII));
        Asyncio.await(Asyncio.toThread(() -> server.expect("hello from weft")));
        server.send("hello from openssl");
        assertEquals("hello from openssl\n", line(c));
        if (update != null) {
          server.send(update);
          Asyncio.await(Asyncio.toThread(() -> server.expect("SSL_do_handshake -> 1"))); // the command taken: the next line is data
          server.send("after the update");
          assertEquals("after the update\n", line(c));
          c.writer().write("still talking\n".getBytes(US_ASCII)); // the client's side moved on too
          Asyncio.await(Asyncio.toThread(() -> server.expect("still talking")));
        }
        server.send("q"); // s_server ends the connection with close_notify
        assertEquals("", line(c), "close_notify reads as the end of the stream");
        assertTrue(c.reader().atEof());
        c.writer().close();
        return ((SSLEngine) c.writer().getExtraInfo("ssl_object")).getSession().getProtocol();
      });
    }
  }

  @Test
  void weftClient_withItsCertificate_isAccepted_withoutOne_failsClearly() throws Exception {
    int port = OpensslPeer.freePort();
    try (OpensslPeer server = OpensslPeer.server(pki, port, "-Verify", "1", "-CAfile", pki.cert("client").toString())) {
      bounded(() -> {
        Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port, withClientCert));
        c.writer().write("with a certificate\n".getBytes(US_ASCII));
        Asyncio.await(Asyncio.toThread(() -> server.expect("with a certificate")));
        c.writer().close();
        return null;
      });
    }
    int refusing = OpensslPeer.freePort();
    try (OpensslPeer server = OpensslPeer.server(pki, refusing, "-Verify", "1", "-CAfile", pki.cert("client").toString())) {
      Throwable failure = bounded(() -> {
        try {
          Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", refusing, trustServer));
          c.writer().write("no certificate\n".getBytes(US_ASCII));
          line(c); // TLS 1.3: the client's handshake ends first; the server's alert arrives on the next read
          return null;
        } catch (UncheckedIOException e) {
          return e;
        }
      });
      assertNotNull(failure, "a server requiring a client certificate let the connection through");
      assertInstanceOf(SSLException.class, rootSsl(failure), "the failure names TLS: " + failure);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1_2", "1_3"})
  void weftServer_againstSClient_echoes_seesCloseNotify_andSendsIt(String version) throws Exception {
    SSLContext ssl = serverSide;
    bounded(() -> {
      Future<String> ended = Asyncio.getRunningLoop().createFuture();
      Server server = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.async(() -> {
        for (byte[] l; (l = Asyncio.await(r.readline())).length > 0; ) {
          if (new String(l, US_ASCII).equals("bye\n")) {
            w.write("bye from weft\n".getBytes(US_ASCII));
            w.close(); // Weft's close_notify
            return null;
          }
          w.write(l);
        }
        if (!ended.done()) ended.setResult("eof");
        w.close();
        return null;
      }), "127.0.0.1", 0, ssl));
      try (OpensslPeer client = OpensslPeer.client(pki, server.port(), "-tls" + version)) {
        client.send("ping");
        Asyncio.await(Asyncio.toThread(() -> client.expect("ping")));
        client.endInput(); // s_client's close_notify
        assertEquals("eof", Asyncio.await(Asyncio.waitFor(ended, WAIT_S)));
      }
      try (OpensslPeer client = OpensslPeer.client(pki, server.port(), "-tls" + version)) {
        client.send("bye");
        Asyncio.await(Asyncio.toThread(() -> client.expect("bye from weft")));
        Asyncio.await(Asyncio.toThread(client::waitExit)); // it saw close_notify and left
      }
      server.close();
      return null;
    });
  }

  /*
   * Half-close: the line and close_notify (writeEof) leave together; s_server -rev answers the line,
   * then reads the close_notify and sends its own. The answer arriving after Weft's close_notify is
   * the proof that the reading side stayed open; both close_notifys close the socket with no close().
   */
  @ParameterizedTest
  @ValueSource(strings = {"1_2", "1_3"})
  void weftClient_writeEof_sendsCloseNotify_andStillReadsTheAnswer(String version) throws Exception {
    int port = OpensslPeer.freePort();
    try (OpensslPeer server = OpensslPeer.server(pki, port, "-rev", "-tls" + version)) {
      bounded(() -> {
        Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port, trustServer));
        assertTrue(c.writer().canWriteEof());
        c.writer().write("hello\n".getBytes(US_ASCII));
        c.writer().writeEof();
        assertEquals("olleh\n", line(c));
        assertEquals("", line(c), "s_server's close_notify");
        Asyncio.await(Asyncio.waitFor(c.writer().waitClosed(), WAIT_S));
        return null;
      });
      server.expect("CONNECTION CLOSED");
    }
  }

  /*
   * STARTTLS against OpenSSL's own client: s_client -starttls smtp reads a plain SMTP greeting and
   * EHLO answer, sends STARTTLS, and handshakes after the 220; the Weft server upgrades in place.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1_2", "1_3"})
  void weftServer_startTls_forSClientStarttlsSmtp_thenEchoesOverTls(String version) throws Exception {
    bounded(() -> {
      Future<String> secured = Asyncio.getRunningLoop().createFuture();
      Server server = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.async(() -> {
        try {
          w.write("220 weft ESMTP\r\n".getBytes(US_ASCII));
          String ehlo = new String(Asyncio.await(r.readline()), US_ASCII);
          w.write("250-weft\r\n250 STARTTLS\r\n".getBytes(US_ASCII));
          String starttls = new String(Asyncio.await(r.readline()), US_ASCII);
          w.write("220 go ahead\r\n".getBytes(US_ASCII));
          Asyncio.await(w.startTls(serverSide));
          String protocol = ((SSLEngine) w.getExtraInfo("ssl_object")).getSession().getProtocol();
          byte[] l = Asyncio.await(r.readline());
          w.write(("echo " + new String(l, US_ASCII)).getBytes(US_ASCII));
          secured.setResult(ehlo.substring(0, 5) + "|" + starttls.trim() + "|" + protocol);
        } catch (RuntimeException | AssertionError e) {
          secured.setException(e);
        }
        return null;
      }), "127.0.0.1", 0));
      try (OpensslPeer client = OpensslPeer.client(pki, server.port(), "-starttls", "smtp", "-tls" + version)) {
        client.send("over tls");
        Asyncio.await(Asyncio.toThread(() -> client.expect("echo over tls")));
        assertEquals("EHLO |STARTTLS|TLSv" + version.replace('_', '.'), Asyncio.await(Asyncio.waitFor(secured, WAIT_S)));
      }
      server.close();
      return null;
    });
  }

  /* The client side of an upgrade against s_server, which handshakes as soon as it accepts. */
  @Test
  void weftClient_startTls_onAPlainConnection_talksToSServer() throws Exception {
    int port = OpensslPeer.freePort();
    try (OpensslPeer server = OpensslPeer.server(pki, port, "-tls1_3")) {
      bounded(() -> {
        Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port));
        Asyncio.await(c.writer().startTls(trustServer));
        c.writer().write("upgraded\n".getBytes(US_ASCII));
        Asyncio.await(Asyncio.toThread(() -> server.expect("upgraded")));
        server.send("answered");
        assertEquals("answered\n", line(c));
        c.writer().close();
        return null;
      });
    }
  }

  /*
   * A peer that stalls a renegotiation: the relay passes s_server's HelloRequest, then nothing. The
   * Weft client answers with its ClientHello and waits; what it writes meanwhile is held, so drain()
   * waits too, and the handshake bound (startTls's, 2 s here) ends both waits and the connection,
   * naming the stall, instead of either waiting for ever.
   */
  @Test
  void renegotiationStalledByThePeer_failsDrainAndRead_namingTheBound() throws Exception {
    int port = OpensslPeer.freePort();
    try (OpensslPeer server = OpensslPeer.server(pki, port, "-tls1_2");
        GarbageProxy proxy = new GarbageProxy(port)) {
      Throwable[] failures = bounded(() -> {
        Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", proxy.port()));
        Asyncio.await(c.writer().startTls(trustServer, null, 2.0));
        c.writer().write("hi\n".getBytes(US_ASCII));
        Asyncio.await(Asyncio.toThread(() -> server.expect("hi")));
        server.send("ho");
        assertEquals("ho\n", line(c)); // nothing of the server's is in flight now
        proxy.stallAfterNextChunk();
        server.send("r");
        Asyncio.await(Asyncio.toThread(() -> server.expect("SSL_do_handshake -> 1"))); // the HelloRequest left
        Asyncio.await(Asyncio.sleep(0.3)); // ...and reached the client, which answered and now waits
        Throwable drainFailure = null;
        c.writer().write(new byte[200_000]);
        try {
          Asyncio.await(Asyncio.waitFor(c.writer().drain(), WAIT_S));
        } catch (UncheckedIOException e) {
          drainFailure = e;
        }
        try {
          line(c);
          return new Throwable[] {drainFailure, null};
        } catch (UncheckedIOException e) {
          return new Throwable[] {drainFailure, e};
        }
      });
      String named = "TLS renegotiation is taking longer than 2.0 seconds: aborting the connection";
      assertNotNull(failures[0], "drain() returned while 200 kB waited for a stalled renegotiation");
      assertEquals(named, rootSsl(failures[0]).getMessage());
      assertNotNull(failures[1], "a stalled renegotiation was read as data or as the end");
      assertInstanceOf(SSLHandshakeException.class, rootSsl(failures[1]), "the failure names TLS: " + failures[1]);
      assertEquals(named, rootSsl(failures[1]).getMessage());
    }
  }

  @Test
  void garbageAfterTheHandshake_failsTheRead_withAnSslError() throws Exception {
    int port = OpensslPeer.freePort();
    try (OpensslPeer server = OpensslPeer.server(pki, port, "-tls1_3");
        GarbageProxy proxy = new GarbageProxy(port)) {
      Throwable failure = bounded(() -> {
        Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", proxy.port(), trustServer));
        c.writer().write("hi\n".getBytes(US_ASCII));
        Asyncio.await(Asyncio.toThread(() -> server.expect("hi")));
        server.send("ho");
        assertEquals("ho\n", line(c)); // nothing of the server's is in flight now
        proxy.inject("this is not a TLS record\r\n".getBytes(US_ASCII));
        try {
          line(c);
          return null;
        } catch (UncheckedIOException e) {
          return e;
        }
      });
      assertNotNull(failure, "garbage after the handshake was read as data or as the end");
      assertInstanceOf(SSLException.class, rootSsl(failure), "the failure names TLS: " + failure);
    }
  }

  private static String line(Connection c) throws Suspend {
    return new String(Asyncio.await(Asyncio.waitFor(c.reader().readline(), WAIT_S)), US_ASCII);
  }

  /** Runs {@code body} on a fresh loop; a wait that outlives the bound fails the test rather than hanging it. */
  private static <T> T bounded(SuspendableCallable<T> body) {
    try {
      return Asyncio.run(() -> Asyncio.await(Asyncio.waitFor(Asyncio.async(body), 3 * WAIT_S)));
    } catch (TimeoutError e) {
      throw new AssertionError("a TLS exchange with openssl hung", e);
    }
  }

  private static Throwable rootSsl(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SSLException) return c;
    }
    return t;
  }
}

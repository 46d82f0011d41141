package dev.weft.asyncio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streams over TLS, with certificates made by the JDK's keytool for the test. */
class StreamsTlsTest extends LoopFixture {
  static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;
  /** The server's side for "localhost" and 127.0.0.1, and a client trusting that certificate. */
  static SSLContext server;
  static SSLContext client;
  /** A certificate for another name, trusted by {@link #clientOfOther}. */
  static SSLContext serverOfOther;
  static SSLContext clientOfOther;

  @BeforeAll
  static void makeCertificates() throws Exception {
    KeyStore local = keyPair("local", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
    server = serverContext(local);
    client = clientContext(local, "local");
    KeyStore other = keyPair("other", "CN=other.example", "SAN=dns:other.example");
    serverOfOther = serverContext(other);
    clientOfOther = clientContext(other, "other");
  }

  static KeyStore keyPair(String alias, String dname, String san) throws Exception {
    return keyPair(dir, alias, dname, san);
  }

  /** A PKCS12 store in {@code dir} holding a new EC key pair and its self-signed certificate under {@code alias}. */
  static KeyStore keyPair(Path dir, String alias, String dname, String san) throws Exception {
    Path file = dir.resolve(alias + ".p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname, "-ext", san,
        "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), UTF_8);
    assertEquals(0, keytool.waitFor(), output);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    return store;
  }

  static SSLContext serverContext(KeyStore keys) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  static SSLContext clientContext(KeyStore keys, String alias) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry(alias, keys.getCertificate(alias));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  static Coroutine<Void> echoLines(StreamReader r, StreamWriter w) {
    return Asyncio.async(() -> {
      for (byte[] line; (line = Asyncio.await(r.readline())).length > 0; ) w.write(line);
      w.close();
      return null;
    });
  }

  @Test
  void echo_overTls_byAddressAndByName_extraInfoNamesTheSession() {
    List<String> got = run(Asyncio.async(() -> {
      Server s = Asyncio.await(Asyncio.startServer(StreamsTlsTest::echoLines, "127.0.0.1", 0, server));
      List<String> replies = new java.util.ArrayList<>();
      for (String host : List.of("127.0.0.1", "localhost")) {
        Connection c = Asyncio.await(Asyncio.openConnection(host, s.port(), client));
        c.writer().write(("hello " + host + "\n").getBytes(UTF_8));
        replies.add(new String(Asyncio.await(c.reader().readline()), UTF_8));
        assertInstanceOf(SSLEngine.class, c.writer().getExtraInfo("ssl_object"));
        assertNotNull(c.writer().getExtraInfo("cipher"));
        X509Certificate cert = (X509Certificate) c.writer().getExtraInfo("peercert");
        assertEquals("CN=localhost", cert.getSubjectX500Principal().getName());
        assertNotNull(c.writer().getExtraInfo("peername"));
        c.writer().close();
        Asyncio.await(c.writer().waitClosed());
      }
      s.close();
      return replies;
    }));
    assertEquals(List.of("hello 127.0.0.1\n", "hello localhost\n"), got);
  }

  /** Many TLS records each way, more than one read or write of the socket can carry. */
  @Test // #18: loop.sendfile over TLS takes CPython's fallback, chunks through the TLS transport
  void sendfile_overTls_fallbackSendsTheRange() throws Exception {
    byte[] data = new byte[300_000];
    for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7);
    Path file = java.nio.file.Files.write(dir.resolve("tls-payload.bin"), data);
    java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(file);
    byte[] got = run(Asyncio.async(() -> {
      EventLoop l = Asyncio.getRunningLoop();
      Server s = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.async(() -> {
        assertEquals(200_000L, Asyncio.await(l.sendfile(w, f, 100, 200_000L)));
        w.close();
        return null;
      }), "127.0.0.1", 0, server));
      Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", s.port(), client));
      byte[] all = SendfileTest.readAll(c.reader());
      c.writer().close();
      s.close();
      return all;
    }));
    f.close();
    assertArrayEquals(java.util.Arrays.copyOfRange(data, 100, 200_100), got);
  }

  @Test
  void megabyte_overTls_bothWays_arrivesWhole() {
    byte[] data = new byte[1 << 20];
    for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 13);
    byte[] back = run(Asyncio.async(() -> {
      Server s = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.async(() -> {
        w.write(Asyncio.await(r.readexactly(data.length)));
        Asyncio.await(w.drain());
        w.close();
        return null;
      }), "127.0.0.1", 0, server));
      Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", s.port(), client));
      c.writer().write(data);
      Asyncio.await(c.writer().drain());
      byte[] r = Asyncio.await(c.reader().readexactly(data.length));
      assertEquals(0, Asyncio.await(c.reader().read(-1)).length); // the server's close_notify ends the stream
      c.writer().close();
      s.close();
      return r;
    }));
    assertArrayEquals(data, back);
  }

  @Test
  void close_sendsCloseNotify_peerReadsToEnd() {
    String got = run(Asyncio.async(() -> {
      Future<String> received = loop.createFuture();
      Server s = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.async(() -> {
        received.setResult(new String(Asyncio.await(r.read(-1)), UTF_8));
        w.close();
        return null;
      }), "127.0.0.1", 0, server));
      Connection c = Asyncio.await(Asyncio.openConnection("localhost", s.port(), client));
      c.writer().write("last words".getBytes(UTF_8));
      c.writer().close();
      String r = Asyncio.await(received);
      s.close();
      return r;
    }));
    assertEquals("last words", got);
  }

  @Test
  void openConnection_untrustedCertificate_handshakeExceptionAndServerCallbackNeverRuns() throws Exception {
    AtomicInteger served = new AtomicInteger();
    Throwable failure = run(Asyncio.async(() -> {
      Server s = Asyncio.await(Asyncio.startServer((r, w) -> {
        served.incrementAndGet();
        return null;
      }, "127.0.0.1", 0, server));
      try {
        Asyncio.await(Asyncio.openConnection("127.0.0.1", s.port(), clientOfOther));
        return null;
      } catch (UncheckedIOException e) {
        return e.getCause();
      } finally {
        s.close();
      }
    }));
    assertInstanceOf(SSLHandshakeException.class, failure);
    assertEquals(0, served.get());
    assertTrue(reports.isEmpty(), reports.toString());
  }

  @Test
  void openConnection_certificateForAnotherName_handshakeException() {
    Throwable failure = run(Asyncio.async(() -> {
      Server s = Asyncio.await(Asyncio.startServer((r, w) -> null, "127.0.0.1", 0, serverOfOther));
      try {
        Asyncio.await(Asyncio.openConnection("127.0.0.1", s.port(), clientOfOther));
        return null;
      } catch (UncheckedIOException e) {
        return e.getCause();
      } finally {
        s.close();
      }
    }));
    assertInstanceOf(SSLHandshakeException.class, failure);
  }
}

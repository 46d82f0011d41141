package dev.weft.asyncio.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Self-signed EC certificates made by Debian's {@code openssl}, as PEM files and as JDK SSLContexts. */
final class OpensslPki {
  private static final char[] PASSWORD = "changeit".toCharArray();

  final Path dir;

  OpensslPki(Path dir) {
    this.dir = dir;
  }

  static boolean available() {
    return Files.isExecutable(Path.of("/usr/bin/openssl"));
  }

  /** Makes {@code name}.key and {@code name}.crt for {@code cn}, valid for localhost and 127.0.0.1. */
  void make(String name, String cn) throws IOException, InterruptedException {
    run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", key(name).toString(), "-out", cert(name).toString(), "-days", "2", "-subj", "/CN=" + cn,
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
  }

  Path key(String name) {
    return dir.resolve(name + ".key");
  }

  Path cert(String name) {
    return dir.resolve(name + ".crt");
  }

  /** A context trusting {@code trusted}'s certificate and, when {@code own} is not null, presenting {@code own}'s. */
  SSLContext context(String trusted, String own) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry(trusted, certificate(trusted));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (own != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(own, privateKey(own), PASSWORD, new Certificate[] {certificate(own)});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, PASSWORD);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  private Certificate certificate(String name) throws Exception {
    try (InputStream in = Files.newInputStream(cert(name))) {
      return CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private PrivateKey privateKey(String name) throws Exception {
    String pem = Files.readString(key(name), US_ASCII);
    String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), US_ASCII);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", command) + ": " + out);
  }
}

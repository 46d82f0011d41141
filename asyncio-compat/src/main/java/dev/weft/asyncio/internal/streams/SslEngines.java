package dev.weft.asyncio.internal.streams;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** The engines for each side, set up as Python's default SSL context sets its sockets up. */
public final class SslEngines {
  private SslEngines() {}

  /** A client engine that checks the server's certificate names {@code host} and sends it as SNI. */
  public static SSLEngine client(SSLContext ssl, String host, int port) {
    SSLEngine engine = ssl.createSSLEngine(stripBrackets(host), port); // the JDK sends no SNI for a literal address
    engine.setUseClientMode(true);
    SSLParameters params = engine.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS"); // Python's check_hostname
    engine.setSSLParameters(params);
    return engine;
  }

  public static SSLEngine server(SSLContext ssl) {
    SSLEngine engine = ssl.createSSLEngine();
    engine.setUseClientMode(false);
    return engine;
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}

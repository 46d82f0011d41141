package dev.weft.asyncio;

import dev.weft.asyncio.internal.streams.ProtocolTransport;
import dev.weft.asyncio.internal.streams.SslEngines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/** What a protocol server ({@link EventLoop#createServer}) does with a connection: a new protocol over a transport. */
final class ProtocolHandler implements Server.Handler {
  private final Supplier<? extends Protocol> factory;
  private final SSLContext ssl;

  ProtocolHandler(Supplier<? extends Protocol> factory, SSLContext ssl) {
    this.factory = factory;
    this.ssl = ssl;
  }

  @Override
  public void accepted(EventLoop loop, SocketChannel client, Server server) {
    Protocol protocol;
    try {
      protocol = Objects.requireNonNull(factory.get(), "the protocol factory returned null");
    } catch (RuntimeException e) { // no caller to tell: CPython's _accept_connection2 reports it the same way
      refuse(loop, client, e);
      return;
    }
    if (ssl == null) {
      ProtocolTransport t = ProtocolTransport.plain(loop.selectorLoop(), client, protocol, () -> {});
      server.track(loop, t::close, t::abort, t.closed());
      return;
    }
    loop.createTask(Asyncio.async(() -> {
      try {
        // counted from before the handshake, as CPython attaches the socket's transport to its server
        ProtocolTransport.tls(loop.selectorLoop(), client, protocol, ssl, SslEngines.server(ssl),
            Streams.defaultHandshakeTimeout(loop), () -> {}, t -> server.track(loop, t::close, t::abort, t.closed()));
      } catch (UncheckedIOException e) { // the client's problem, not the server's: CPython logs it at debug level
        EventLoop.LOGGER.log(System.Logger.Level.DEBUG, "TLS handshake with a client failed", e);
      }
      return null;
    }));
  }

  private static void refuse(EventLoop loop, SocketChannel client, RuntimeException e) {
    try {
      client.close();
    } catch (IOException suppressed) {
      e.addSuppressed(suppressed);
    }
    Map<String, Object> context = new HashMap<>();
    context.put("message", "Error on transport creation for incoming connection");
    context.put("exception", e);
    loop.callExceptionHandler(context);
  }
}

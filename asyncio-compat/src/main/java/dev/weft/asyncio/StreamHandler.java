package dev.weft.asyncio;

import dev.weft.asyncio.internal.streams.SslEngines;
import java.io.UncheckedIOException;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;

/** What a stream server ({@link Asyncio#startServer}) does with a connection: a reader and a writer for its callback. */
final class StreamHandler implements Server.Handler {
  private final Server.ClientConnected callback;
  private final int limit;
  private final SSLContext ssl;

  StreamHandler(Server.ClientConnected callback, int limit, SSLContext ssl) {
    this.callback = callback;
    this.limit = limit;
    this.ssl = ssl;
  }

  @Override
  public void accepted(EventLoop loop, SocketChannel client, Server server) {
    StreamReader reader = new StreamReader(loop, limit);
    if (ssl == null) {
      start(loop, reader, Streams.plain(loop, client, reader, TlsUpgrade.server(loop, reader)), server);
      return;
    }
    loop.createTask(Asyncio.async(() -> {
      StreamWriter tls;
      try {
        // counted from before the handshake, as CPython attaches the socket's transport to its server
        tls = Streams.tls(loop, client, SslEngines.server(ssl), reader, t -> server.track(loop, t::close, t::abort, t.closed()));
      } catch (UncheckedIOException e) { // the client's problem, not the server's: CPython logs it at debug level
        EventLoop.LOGGER.log(System.Logger.Level.DEBUG, "TLS handshake with a client failed", e);
        return null;
      }
      serve(loop, reader, tls);
      return null;
    }));
  }

  private void start(EventLoop loop, StreamReader reader, StreamWriter writer, Server server) {
    // through the writer: startTls puts a new transport under it
    server.track(loop, () -> writer.transport().close(), () -> writer.transport().abort(), writer.transport().closed());
    serve(loop, reader, writer);
  }

  private void serve(EventLoop loop, StreamReader reader, StreamWriter writer) {
    Coroutine<?> handler = callback.connected(reader, writer);
    if (handler != null) loop.createTask(handler); // its failures reach the exception handler as never retrieved
  }
}

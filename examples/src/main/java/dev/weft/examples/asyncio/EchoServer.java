package dev.weft.examples.asyncio;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Coroutine;
import dev.weft.asyncio.Server;
import dev.weft.asyncio.StreamReader;
import dev.weft.asyncio.StreamWriter;

/**
 * The TCP echo server of Python's streams guide: each connection gets its lines sent back until
 * the client closes its side. One loop thread serves every connection.
 *
 * <p>Run it with a port ({@code EchoServer 8888}; 0 or none picks a free one) and talk to it with
 * {@link EchoClient} or {@code nc}; it serves until interrupted. {@link EchoClient} without
 * arguments starts one in its own loop.
 */
public final class EchoServer {
  private EchoServer() {}

  /** A coroutine that listens on {@code host:port} and echoes every line of every connection. */
  static Coroutine<Server> start(String host, int port) {
    return Asyncio.startServer(EchoServer::echo, host, port);
  }

  /** The per-connection handler: runs as a task of its own. */
  static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) {
    return Asyncio.async(() -> {
      for (byte[] line; (line = Asyncio.await(reader.readline())).length > 0; ) {
        System.out.println("server: echo " + quoted(line));
        writer.write(line);
        Asyncio.await(writer.drain()); // waits only if the client reads slower than it sends
      }
      System.out.println("server: client hung up, closing");
      writer.close();
      Asyncio.await(writer.waitClosed());
      return null;
    });
  }

  static String quoted(byte[] line) {
    return "'" + new String(line, UTF_8).strip() + "'";
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Asyncio.run(() -> {
      Server server = Asyncio.await(start("127.0.0.1", port));
      System.out.println("serving on " + server.sockets().get(0) + ", interrupt to stop");
      return Asyncio.await(server.serveForever());
    });
  }
}

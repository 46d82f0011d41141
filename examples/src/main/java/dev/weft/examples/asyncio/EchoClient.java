package dev.weft.examples.asyncio;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Connection;
import dev.weft.asyncio.Server;
import dev.weft.continuations.Suspend;
import java.util.List;

/**
 * The TCP echo client of Python's streams guide: sends lines, reads each one back, then closes
 * its sending side so the server ends the connection. Without arguments it starts an
 * {@link EchoServer} on a free port in the same loop and prints both sides:
 *
 * <pre>
 * client: send 'hello'
 * server: echo 'hello'
 * client: got 'hello'
 * ...
 * server: client hung up, closing
 * client: server closed
 * </pre>
 *
 * With {@code host port} arguments it talks to a server that is already running.
 */
public final class EchoClient {
  private EchoClient() {}

  static final List<String> LINES = List.of("hello", "from a Weft task", "bye");

  /** One conversation with the echo server at {@code host:port}. */
  static void talk(String host, int port) throws Suspend {
    Connection c = Asyncio.await(Asyncio.openConnection(host, port));
    for (String line : LINES) {
      System.out.println("client: send '" + line + "'");
      c.writer().write((line + "\n").getBytes(UTF_8));
      byte[] echoed = Asyncio.await(c.reader().readline());
      System.out.println("client: got " + EchoServer.quoted(echoed));
    }
    c.writer().writeEof(); // "no more lines": the server's readline returns empty
    Asyncio.await(c.reader().read(-1)); // until the server closes its side
    System.out.println("client: server closed");
    c.writer().close();
    Asyncio.await(c.writer().waitClosed());
  }

  public static void main(String[] args) {
    Asyncio.run(() -> {
      if (args.length == 2) {
        talk(args[0], Integer.parseInt(args[1]));
        return null;
      }
      Server server = Asyncio.await(EchoServer.start("127.0.0.1", 0)); // port 0: any free port
      try {
        talk("127.0.0.1", server.port());
      } finally {
        server.close();
        Asyncio.await(server.waitClosed());
      }
      return null;
    });
  }
}

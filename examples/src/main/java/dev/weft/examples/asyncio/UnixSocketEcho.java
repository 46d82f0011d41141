package dev.weft.examples.asyncio;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Connection;
import dev.weft.asyncio.Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stream server on a Unix domain socket file instead of TCP: one line echoed back. Prints
 * "echoed: hello over a socket file" and "socket file removed: true".
 *
 * <pre>
 * server = await asyncio.start_unix_server(echo, path)
 * reader, writer = await asyncio.open_unix_connection(path)
 * </pre>
 */
public final class UnixSocketEcho {
  private UnixSocketEcho() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("weft-unix");
    Path sock = dir.resolve("echo.sock");
    Asyncio.run(() -> {
      Server server = Asyncio.await(Asyncio.startUnixServer((r, w) -> Asyncio.async(() -> {
        w.write(Asyncio.await(r.readline()));
        w.close();
        return null;
      }), sock.toString()));
      Connection c = Asyncio.await(Asyncio.openUnixConnection(sock.toString()));
      c.writer().write("hello over a socket file\n".getBytes(StandardCharsets.UTF_8));
      System.out.println("echoed: " + new String(Asyncio.await(c.reader().readline()), StandardCharsets.UTF_8).strip());
      c.writer().close();
      server.close();
      return null;
    });
    System.out.println("socket file removed: " + !Files.exists(sock));
    Files.delete(dir);
  }
}

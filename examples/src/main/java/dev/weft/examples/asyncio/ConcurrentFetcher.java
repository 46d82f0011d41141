package dev.weft.examples.asyncio;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Connection;
import dev.weft.asyncio.Coroutine;
import dev.weft.asyncio.Semaphore;
import dev.weft.asyncio.Server;
import dev.weft.asyncio.StreamReader;
import dev.weft.asyncio.StreamWriter;
import dev.weft.continuations.Suspend;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches many pages from a local server at once, with a {@link Semaphore} capping how many
 * connections are open: the usual asyncio crawler shape. All fetches start together; the
 * semaphore lets {@value #LIMIT} through at a time. The server counts the requests it serves at
 * once and the example checks that count never passed the limit. Prints
 * "fetched 20 pages, all correct; at most 4 requests in service at once (limit 4)".
 */
public final class ConcurrentFetcher {
  private ConcurrentFetcher() {}

  static final int PAGES = 20;
  static final int LIMIT = 4;

  /** A tiny page server: "GET n" gets "page n", after a short think so that requests overlap. */
  static final class PageServer {
    int inService;
    int maxInService;

    Coroutine<Void> serve(StreamReader reader, StreamWriter writer) {
      return Asyncio.async(() -> {
        String request = new String(Asyncio.await(reader.readline()), UTF_8).strip();
        inService++;
        maxInService = Math.max(maxInService, inService);
        Asyncio.await(Asyncio.sleep(0.05));
        inService--;
        writer.write(("page " + request.substring("GET ".length()) + "\n").getBytes(UTF_8));
        writer.close();
        Asyncio.await(writer.waitClosed());
        return null;
      });
    }
  }

  /** Opens a connection, asks for page {@code n} and reads the reply to the end. */
  static String fetch(int port, int n) throws Suspend {
    Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port));
    try {
      c.writer().write(("GET " + n + "\n").getBytes(UTF_8));
      return new String(Asyncio.await(c.reader().read(-1)), UTF_8).strip();
    } finally {
      c.writer().close();
    }
  }

  public static void main(String[] args) {
    Asyncio.run(() -> {
      PageServer pages = new PageServer();
      Server server = Asyncio.await(Asyncio.startServer(pages::serve, "127.0.0.1", 0));
      Semaphore slots = new Semaphore(LIMIT);
      List<Coroutine<String>> fetches = new ArrayList<>();
      for (int i = 0; i < PAGES; i++) {
        int n = i;
        fetches.add(Asyncio.async(() -> {
          Asyncio.await(slots.acquire()); // async with semaphore
          try {
            return fetch(server.port(), n);
          } finally {
            slots.release();
          }
        }));
      }
      List<Object> bodies = Asyncio.await(Asyncio.gather(fetches.toArray(new Coroutine<?>[0])));
      server.close();
      for (int i = 0; i < PAGES; i++) {
        if (!bodies.get(i).equals("page " + i)) throw new IllegalStateException("page " + i + " came back as " + bodies.get(i));
      }
      if (pages.maxInService > LIMIT) {
        throw new IllegalStateException(pages.maxInService + " requests were served at once, limit " + LIMIT);
      }
      System.out.println("fetched " + bodies.size() + " pages, all correct; at most " + pages.maxInService
          + " requests in service at once (limit " + LIMIT + ")");
      return null;
    });
  }
}

package dev.weft.examples.asyncio;

import dev.weft.asyncio.Asyncio;
import dev.weft.continuations.Suspend;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLAlchemy's trick: synchronous-looking code (no Coroutine, no await in its signature's
 * callers) runs under the event loop with {@code greenletSpawn}, and its I/O points call
 * {@code awaitOnly}. Two "sessions" interleave at their awaitOnly calls. Prints the rows of
 * both, then "a: [a0, a1, a2] b: [b0, b1, b2]".
 */
public final class GreenletBridge {
  private GreenletBridge() {}

  /** A driver's query: the only place that knows it runs on an event loop. */
  static String query(String session, int i) throws Suspend {
    return Asyncio.awaitOnly(Asyncio.sleep(0.01 * (i + 1), session + i));
  }

  /** Synchronous-looking business code. */
  static List<String> loadAll(String session) throws Suspend {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rows.add(query(session, i));
      System.out.println("row " + rows.get(i));
    }
    return rows;
  }

  public static void main(String[] args) {
    Asyncio.run(() -> {
      List<Object> both = Asyncio.await(Asyncio.gather(
          Asyncio.greenletSpawn(a -> loadAll("a")),
          Asyncio.greenletSpawn(a -> loadAll("b"))));
      System.out.println("a: " + both.get(0) + " b: " + both.get(1));
      return null;
    });
  }
}

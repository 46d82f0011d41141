package dev.weft.examples.asyncio;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Future;
import dev.weft.asyncio.ReturnWhen;
import dev.weft.asyncio.Task;
import dev.weft.asyncio.WaitResult;
import java.util.List;

/**
 * Two tasks named n1 and n2 passed to {@code wait} with {@code FIRST_COMPLETED}: the result is the
 * {@code (done, pending)} pair. Prints "done: [n1]" and "pending: [n2]".
 */
public final class NamedWait {
  private NamedWait() {}

  public static void main(String[] args) {
    Asyncio.run(() -> {
      Task<String> n1 = Asyncio.createTask(Asyncio.sleep(0.05, "first"), "n1");
      Task<String> n2 = Asyncio.createTask(Asyncio.sleep(3600, "second"), "n2");
      WaitResult<String> r = Asyncio.await(Asyncio.wait(List.of(n1, n2), null, ReturnWhen.FIRST_COMPLETED));
      System.out.println("done: " + names(r.done()));
      System.out.println("pending: " + names(r.pending()));
      n2.cancel();
      return null;
    });
  }

  static List<String> names(Iterable<Future<String>> futures) {
    List<String> out = new java.util.ArrayList<>();
    for (Future<String> f : futures) out.add(((Task<String>) f).getName());
    return out;
  }
}

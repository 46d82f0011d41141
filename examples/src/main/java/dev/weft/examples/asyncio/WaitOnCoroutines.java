package dev.weft.examples.asyncio;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.WaitResult;
import java.util.List;

/**
 * {@code asyncio.run(asyncio.wait([others(), others()]))}: wait wraps bare coroutines in tasks, so
 * the two run concurrently (start, start, end, end). Prints "2 done, 0 pending".
 */
public final class WaitOnCoroutines {
  private WaitOnCoroutines() {}

  public static void main(String[] args) {
    WaitResult<String> r = Asyncio.run(Asyncio.wait(List.of(AwaitInSequence.others(), AwaitInSequence.others())));
    System.out.println(r.done().size() + " done, " + r.pending().size() + " pending");
  }
}

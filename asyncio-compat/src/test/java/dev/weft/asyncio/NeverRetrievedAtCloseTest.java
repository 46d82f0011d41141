package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.testing.Gc;
import org.junit.jupiter.api.Test;

/**
 * Issue #9, "every exception is retrieved or reported" (SEMANTICS AF9). The collector's thread
 * hands a never-retrieved report to the loop; if the loop was idle and then closed, close()
 * dropped it with the other pending callbacks, and the exception was never reported.
 */
class NeverRetrievedAtCloseTest extends LoopFixture {

  @Test // SEMANTICS AF9
  void neverRetrieved_queuedWhileLoopIdle_deliveredByClose() {
    RuntimeException lost = new RuntimeException("lost");
    failAndDrop(lost);
    // Give the collector time to queue the report for the idle loop (a wait, not a timing assert:
    // had it not queued yet, the report would come after close and the test pass all the same).
    for (int i = 0; i < 10; i++) Gc.settle(); // as long as the collector took before, about a quarter second
    loop.close();
    Gc.untilReported(() -> !reports.isEmpty());
    assertEquals(1, reports.size(), reports.toString());
    assertEquals("Future exception was never retrieved", reports.get(0).get("message"));
    assertSame(lost, reports.get(0).get("exception"));
  }

  private void failAndDrop(Throwable t) {
    Future<String> f = loop.createFuture();
    f.setException(t);
  }
}

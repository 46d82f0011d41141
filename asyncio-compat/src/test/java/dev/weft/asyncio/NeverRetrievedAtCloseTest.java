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

  // ---- issue 15: reported when the loop closes at the latest, once

  static final RuntimeException BOOM = new RuntimeException("boom");

  @Test // createTask(boom), sleep, return: reported by Asyncio.run's close, with no collection
  void neverRetrieved_taskFailure_reportedWhenRunReturns() {
    Task<?>[] kept = new Task<?>[1]; // kept reachable: the report must not depend on the collector
    String r = run(Asyncio.async(() -> {
      kept[0] = Asyncio.createTask(Asyncio.async(() -> {
        throw BOOM;
      }));
      Asyncio.await(Asyncio.sleep(0.01));
      return "done";
    }));
    assertEquals("done", r);
    assertEquals(1, reports.size(), reports.toString());
    assertEquals("Task exception was never retrieved", reports.get(0).get("message"));
    assertSame(BOOM, reports.get(0).get("exception"));
    kept[0] = null;
    for (int i = 0; i < 5; i++) Gc.settle(); // and not a second time when collected
    assertEquals(1, reports.size(), reports.toString());
  }

  @Test // EventLoop.close() reports a future's failure nothing retrieved
  void neverRetrieved_futureFailure_reportedByClose_once() {
    Future<String> f = loop.createFuture();
    f.setException(BOOM);
    loop.close();
    assertEquals(1, reports.size(), reports.toString());
    assertEquals("Future exception was never retrieved", reports.get(0).get("message"));
    loop.close();
    assertEquals(1, reports.size(), reports.toString());
    assertSame(BOOM, f.exception()); // retrieving it after close reports nothing more
    assertEquals(1, reports.size(), reports.toString());
  }

  @Test // retrieved before close: nothing to report
  void retrievedFailure_notReportedByClose() {
    Future<String> f = loop.createFuture();
    f.setException(BOOM);
    assertSame(BOOM, f.exception());
    loop.close();
    assertEquals(0, reports.size(), reports.toString());
  }
}

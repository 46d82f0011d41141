package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testing.Gc;
import dev.weft.asyncio.ScheduleRun.Tracked;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Issue #9: random task schedules on a loop with virtual time (sleeps, awaits, gathers with and
 * without {@code returnExceptions}, waits, waitFors and timeout blocks that expire or not, shields,
 * TaskGroups whose children fail, cancels of running and finished tasks, late done callbacks,
 * failures) keep the loop's promises:
 *
 * <ul>
 *   <li>every task ends, exactly once, and its body's {@code finally} runs once if it started;
 *   <li>its outcome is what its body did: returned, raised its own exception, or was cancelled;
 *   <li>every done callback runs exactly once, after the task is done;
 *   <li>every exception is retrieved or reported: a failure nothing awaited is reported as never
 *       retrieved, exactly once, with the same instance; one that something awaited never is;
 *   <li>nothing runs after the loop closes, and nothing is reported but those failures.
 * </ul>
 */
class LoopScheduleProperties {
  private static final String NEVER_RETRIEVED = "Task exception was never retrieved";

  @Provide
  Arbitrary<ScheduleProgram> programs() {
    return ScheduleProgram.programs();
  }

  @Property(tries = 200)
  void everyTaskEndsOnce_everyExceptionRetrievedOrReported(@ForAll("programs") ScheduleProgram program) {
    ScheduleRun run = new ScheduleRun(program);
    run.execute();
    assertEquals(List.of(), run.violations, "violations");
    assertEquals(List.of(), run.afterCloseCalls, "the closed loop accepted a callback");
    for (int i = 0; i < run.n; i++) {
      assertTrue(run.doneAtClose[i], "T" + i + " not done: " + run.described[i]);
      assertEquals(run.started[i] ? 1 : 0, run.finallies[i], "finally blocks of T" + i);
      assertOutcome(run, i);
    }
    for (Tracked t : run.callbacks) assertEquals(1, t.runs, "runs of a done callback of T" + t.target);
    List<ScheduleRun.Boom> unretrieved = unretrievedFailures(run);
    Statistics.label("failures caught by awaiters").collect(Math.min(run.observed.size(), 2));
    Statistics.label("failures reported as never retrieved").collect(Math.min(unretrieved.size(), 2));
    assertReportsExactly(run, unretrieved);
  }

  private static void assertOutcome(ScheduleRun run, int i) {
    String d = run.described[i];
    if (!run.started[i]) {
      assertTrue(run.cancelledAtClose[i], "T" + i + " never started yet ended " + d);
    } else if ("returned".equals(run.outcome[i])) {
      // A cancel() that came while the body was running its last step cancels it all the same (tasks.py).
      if (!run.cancelledAtClose[i]) assertEquals(i, run.resultAtClose[i], "T" + i + " returned but is " + d);
    } else if ("raised".equals(run.outcome[i])) {
      // Which exception it holds is checked where it is seen: by its awaiters, or in its report.
      assertFalse(run.cancelledAtClose[i], "T" + i + " raised but is " + d);
    } else {
      assertEquals("cancelled", run.outcome[i], "T" + i + " ended its body some other way: " + d);
      assertTrue(run.cancelledAtClose[i], "T" + i + " raised CancelledError but is " + d);
    }
  }

  private static List<ScheduleRun.Boom> unretrievedFailures(ScheduleRun run) {
    List<ScheduleRun.Boom> expected = new ArrayList<>();
    for (int i = 0; i < run.n; i++) {
      if (!run.retrieved[i]) {
        if ("raised".equals(run.outcome[i])) expected.add(run.booms[i]);
      } else if (run.observed.contains(run.booms[i]) && !"raised".equals(run.outcome[i])) {
        throw new AssertionError("T" + i + "'s exception was caught but T" + i + " did not raise it");
      }
    }
    return expected;
  }

  /**
   * Forces collections until every expected report arrived, then once more so that a report that
   * should not exist has had its chance too. The loop is closed, so the collector's thread calls
   * the handler directly. Waiting here is for the collector, not a timing assertion: a report that
   * never comes fails after many rounds.
   */
  private static void assertReportsExactly(ScheduleRun run, List<ScheduleRun.Boom> expected) {
    Gc.untilReported(() -> neverRetrieved(run).size() >= expected.size());
    Gc.settle();
    List<Object> reported = new ArrayList<>();
    for (Map<String, Object> r : run.reports) {
      assertEquals(NEVER_RETRIEVED, r.get("message"), "unexpected report " + r);
      reported.add(r.get("exception"));
    }
    assertEquals(expected.size(), reported.size(), "reported " + reported + ", expected " + expected);
    for (ScheduleRun.Boom b : expected) {
      assertTrue(reported.stream().anyMatch(x -> x == b), b + " was never retrieved and never reported: " + reported);
    }
  }

  private static List<Map<String, Object>> neverRetrieved(ScheduleRun run) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> r : run.reports) if (NEVER_RETRIEVED.equals(r.get("message"))) out.add(r);
    return out;
  }
}

package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.weft.testing.Gc;
import dev.weft.continuations.Suspend;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #13, item 4: corners where Weft dropped or reordered what CPython keeps. Each test runs the
 * program of the same name in {@code transcripts/corners.py} and must log what CPython logged
 * there ({@code corners-3.12.txt}, {@code corners-3.13.txt}): the values, messages and
 * exception-handler reports that reach their receivers, in their order.
 */
class CPythonCornersTest extends LoopFixture {
  final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void logReports() {
    loop.setExceptionHandler((l, ctx) -> {
      reports.add(ctx);
      log.add("handler: " + ctx.get("message") + ": " + ((Throwable) ctx.get("exception")).getMessage());
    });
  }

  @Test // SEMANTICS A4, A3
  void callLater_negativeDelay_runsBeforeEarlierZeroDelay() {
    loop.callSoon(() -> {
      double now = loop.time();
      loop.callLater(0, () -> log.add("y (delay 0)"));
      TimerHandle h = loop.callLater(-1, () -> log.add("x (delay -1)"));
      loop.callLater(-1, () -> log.add("x2 (delay -1, later)"));
      loop.callSoon(() -> log.add("soon"));
      log.add("when - time = " + (h.when() - now));
      loop.callLater(1, loop::stop);
    });
    loop.runForever();
    assertLogged("3.12", "callLater_negativeDelay_runsBeforeEarlierZeroDelay");
  }

  @Test // SEMANTICS AF30, AF9
  void shield_outerCancelled_innerFailsLater_reportedNeverRetrieved() {
    run(Asyncio.async(() -> {
      Task<String> inner = Asyncio.createTask(failAfter(1, "after"));
      Future<String> outer = Asyncio.shield(inner);
      outer.cancel();
      Asyncio.await(Asyncio.sleep(2));
      log.add("inner done: " + py(inner.done()) + ", outer cancelled: " + py(outer.cancelled()));
      return null;
    }));
    awaitReports(1);
    assertLogged("3.12", "shield_outerCancelled_innerFailsLater_reportedNeverRetrieved");
  }

  @Test // SEMANTICS AF30, AF9
  void shield_awaiterCancelled_innerFailsLater_reportedNeverRetrieved() {
    run(Asyncio.async(() -> {
      Task<String> inner = Asyncio.createTask(failAfter(2, "after"));
      Task<String> t = Asyncio.createTask(Asyncio.async(() -> {
        try {
          return Asyncio.await(Asyncio.shield(inner));
        } catch (CancelledError e) {
          log.add("awaiter: CancelledError");
          throw e;
        }
      }));
      Asyncio.await(Asyncio.sleep(1));
      t.cancel();
      Asyncio.await(Asyncio.sleep(2));
      log.add("inner done: " + py(inner.done()) + ", awaiter cancelled: " + py(t.cancelled()));
      return null;
    }));
    awaitReports(1);
    assertLogged("3.12", "shield_awaiterCancelled_innerFailsLater_reportedNeverRetrieved");
  }

  @Test // SEMANTICS AF30, AF9: the shield's own callback still retrieves what it saw fail
  void shield_innerFailsInSameIterationAsOuterCancel_retrieved() {
    run(Asyncio.async(() -> {
      Future<String> inner = loop.createFuture();
      Future<String> outer = Asyncio.shield(inner);
      inner.setException(new RuntimeException("same iteration"));
      outer.cancel();
      Asyncio.await(Asyncio.sleep(0));
      Asyncio.await(Asyncio.sleep(0));
      log.add("outer cancelled: " + py(outer.cancelled()));
      return null;
    }));
    // Dropped after the inner became unreachable: once its report came, the inner's had its chance.
    loop.<String>createFuture().setException(new RuntimeException("marker"));
    awaitReports(1);
    Gc.settle(); // lets the collector's thread deliver a stray report
    assertLogged("3.12", "shield_innerFailsInSameIterationAsOuterCancel_retrieved");
  }

  @Test // SEMANTICS AF16, AF17
  void cancelTwice_beforeFirstStep_lastMessageWins() {
    run(Asyncio.async(() -> {
      Task<Void> t = Asyncio.createTask(Asyncio.async(() -> {
        log.add("body ran");
        return null;
      }));
      t.cancel("m1");
      t.cancel("m2");
      awaitLoggingCancel(t);
      return null;
    }));
    assertLogged("3.12", "cancelTwice_beforeFirstStep_lastMessageWins");
  }

  @Test // SEMANTICS AF17
  void cancelTwice_wokenButNotStepped_lastMessageWins() {
    run(Asyncio.async(() -> {
      Future<String> fut = loop.createFuture();
      Task<String> t = Asyncio.createTask(bodyLoggingCancel(fut));
      Asyncio.await(Asyncio.sleep(0));
      fut.setResult("value");
      t.cancel("m1");
      t.cancel("m2");
      awaitLoggingCancel(t);
      return null;
    }));
    assertLogged("3.12", "cancelTwice_wokenButNotStepped_lastMessageWins");
  }

  @Test // SEMANTICS AF17
  void cancelTwice_whileWaiting_firstMessageWins() {
    run(Asyncio.async(() -> {
      Future<String> fut = loop.createFuture();
      Task<String> t = Asyncio.createTask(bodyLoggingCancel(fut));
      Asyncio.await(Asyncio.sleep(0));
      t.cancel("m1");
      t.cancel("m2");
      awaitLoggingCancel(t);
      return null;
    }));
    assertLogged("3.12", "cancelTwice_whileWaiting_firstMessageWins");
  }

  @Test // SEMANTICS AF33
  void timeoutReschedule_afterEachEnd_namesCPythonState() {
    run(Asyncio.async(() -> {
      Timeout[] finished = new Timeout[1];
      Asyncio.await(Asyncio.timeout(10.0, (Timeout cm) -> {
        finished[0] = cm;
        Asyncio.await(Asyncio.sleep(1));
        return null;
      }));
      tryReschedule(finished[0], 20.0);
      Timeout[] expired = new Timeout[1];
      try {
        Asyncio.await(Asyncio.timeout(1.0, (Timeout cm) -> {
          expired[0] = cm;
          try {
            Asyncio.await(Asyncio.sleep(5));
          } catch (CancelledError e) {
            tryReschedule(cm, 20.0);
            throw e;
          }
          return null;
        }));
      } catch (TimeoutError e) {
        log.add("TimeoutError");
      }
      tryReschedule(expired[0], 20.0);
      log.add("expired(): " + py(finished[0].expired()) + ", " + py(expired[0].expired()));
      return null;
    }));
    assertLogged("3.12", "timeoutReschedule_afterEachEnd_namesCPythonState");
  }

  @Test // SEMANTICS AF35, 3.13's order: the group's own cancel is taken back after the wait
  void taskGroup_childFailsWhileBodyExits_cancellingBackToZero() {
    run(Asyncio.async(() -> {
      Task<?> parent = Asyncio.currentTask();
      try {
        Asyncio.await(TaskGroup.run(tg -> {
          tg.createTask(failAfter(1, "late"));
          log.add("body done");
          return null;
        }));
      } catch (ExceptionGroup eg) {
        log.add("group: " + pyMessages(eg.exceptions()));
      }
      log.add("cancelling: " + parent.cancelling());
      Asyncio.await(Asyncio.sleep(0));
      log.add("next await fine");
      return null;
    }));
    assertLogged("3.13", "taskGroup_childFailsWhileBodyExits_cancellingBackToZero");
  }

  @Test // SEMANTICS AF37, 3.13: an outside cancel outranked by a child's error is requested again
  void taskGroup_outsideCancelOutrankedByChildError_cancelKeptForNextAwait() {
    run(Asyncio.async(() -> {
      Task<String> t = Asyncio.createTask(Asyncio.async(() -> {
        Task<?> me = Asyncio.currentTask();
        try {
          Asyncio.await(TaskGroup.run(tg -> {
            tg.createTask(Asyncio.async(() -> {
              try {
                Asyncio.await(Asyncio.sleep(10));
              } catch (CancelledError e) {
                throw new RuntimeException("boom");
              }
              return null;
            }));
            Asyncio.await(Asyncio.sleep(10));
            return null;
          }));
        } catch (ExceptionGroup eg) {
          log.add("group: " + pyMessages(eg.exceptions()) + ", cancelling: " + me.cancelling());
        }
        try {
          Asyncio.await(Asyncio.sleep(0));
          log.add("next await fine");
        } catch (CancelledError e) {
          log.add("next await: CancelledError");
          throw e;
        }
        return "worker returned";
      }));
      Asyncio.await(Asyncio.sleep(1));
      t.cancel();
      try {
        log.add(Asyncio.await(t));
      } catch (CancelledError e) {
        log.add("worker cancelled");
      }
      return null;
    }));
    assertLogged("3.13", "taskGroup_outsideCancelOutrankedByChildError_cancelKeptForNextAwait");
  }

  // ---- the programs' pieces, as in corners.py ------------------------------------------------

  static Coroutine<String> failAfter(double seconds, String message) {
    return Asyncio.async(() -> {
      Asyncio.await(Asyncio.sleep(seconds));
      throw new RuntimeException(message);
    });
  }

  Coroutine<String> bodyLoggingCancel(Future<String> fut) {
    return Asyncio.async(() -> {
      try {
        return Asyncio.await(fut);
      } catch (CancelledError e) {
        log.add("body: " + e.getMessage());
        throw e;
      }
    });
  }

  void awaitLoggingCancel(Task<?> t) throws Suspend {
    try {
      Asyncio.await(t);
    } catch (CancelledError e) {
      log.add("awaiter: " + e.getMessage());
    }
  }

  void tryReschedule(Timeout cm, Double when) {
    try {
      cm.reschedule(when);
      log.add("rescheduled");
    } catch (IllegalStateException e) {
      log.add(e.getMessage());
    }
  }

  static String py(boolean b) {
    return b ? "True" : "False";
  }

  static String pyMessages(List<Throwable> exceptions) {
    return exceptions.stream().map(e -> "'" + e.getMessage() + "'").collect(Collectors.joining(", ", "[", "]"));
  }

  /** Collects until {@code n} reports came (the loop is closed: the collector's thread delivers them). */
  void awaitReports(int n) {
    Gc.untilReported(() -> reports.size() >= n);
    assertFalse(reports.size() < n, "only " + reports.size() + " of " + n + " reports after forcing collections");
  }

  void assertLogged(String version, String scenario) {
    assertEquals(recorded(version, scenario), String.join(" | ", log), scenario + " as CPython " + version + " logs it");
  }

  static String recorded(String version, String scenario) {
    return Transcripts.recorded("corners-" + version + ".txt", scenario);
  }
}

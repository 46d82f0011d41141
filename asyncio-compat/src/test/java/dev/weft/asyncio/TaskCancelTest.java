package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testing.Gc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskCancelTest extends LoopFixture {

  @Test // SEMANTICS AF13
  void cancel_isRequest_errorRaisedAtAwaitLater() {
    run(Asyncio.async(() -> {
      Task<Void> t = Asyncio.createTask(Asyncio.async(() -> {
        steps.expect(2);
        try {
          Asyncio.await(Asyncio.sleep(10));
        } catch (CancelledError e) {
          steps.expect(4);
          throw e;
        }
        return null;
      }));
      steps.expect(1);
      Asyncio.await(Asyncio.sleep(0));
      assertTrue(t.cancel());
      assertFalse(t.cancelled());
      steps.expect(3);
      assertThrows(CancelledError.class, () -> loopResult(t));
      try {
        Asyncio.await(t);
      } catch (CancelledError e) {
        steps.expect(5);
      }
      assertTrue(t.cancelled());
      return null;
    }));
    steps.finish(6);
  }

  private static Object loopResult(Future<?> t) {
    if (!t.done()) throw new CancelledError("not yet: still pending");
    return t.result();
  }

  @Test // SEMANTICS AF14
  void cancel_taskWaitingOnChain_cancelsInnermost() {
    run(Asyncio.async(() -> {
      Future<String> leaf = loop.createFuture();
      Task<String> inner = Asyncio.createTask(Asyncio.async(() -> Asyncio.await(leaf)));
      Task<String> outer = Asyncio.createTask(Asyncio.async(() -> Asyncio.await(inner)));
      Asyncio.await(Asyncio.sleep(0));
      outer.cancel("chain");
      assertTrue(leaf.cancelled()); // at once, down the chain of awaits
      try {
        Asyncio.await(outer);
      } catch (CancelledError e) {
        assertEquals("chain", e.getMessage());
        steps.expect(1);
      }
      return null;
    }));
    steps.finish(2);
  }

  @Test // SEMANTICS AF14
  void cancel_waitingTask_wakesWithCancelledErrorAfterChainCompletes() {
    run(Asyncio.async(() -> {
      Future<String> leaf = loop.createFuture();
      Task<String> inner = Asyncio.createTask(Asyncio.async(() -> Asyncio.await(leaf)));
      Task<String> outer = Asyncio.createTask(Asyncio.async(() -> Asyncio.await(inner)));
      Asyncio.await(Asyncio.sleep(0));
      outer.cancel();
      try {
        Asyncio.await(outer);
      } catch (CancelledError e) {
        steps.expect(1);
      }
      assertTrue(inner.cancelled());
      assertTrue(outer.cancelled());
      return null;
    }));
    steps.finish(2);
  }

  @Test // SEMANTICS AF15
  void cancelSelfWhileRunning_errorAtNextAwait() {
    run(Asyncio.async(() -> {
      Task<Void> t = Asyncio.createTask(Asyncio.async(() -> {
        Asyncio.currentTask().cancel();
        steps.expect(1);
        try {
          Asyncio.await(Asyncio.sleep(0));
        } catch (CancelledError e) {
          steps.expect(2);
          throw e;
        }
        return null;
      }));
      try {
        Asyncio.await(t);
      } catch (CancelledError e) {
        steps.expect(3);
      }
      return null;
    }));
    steps.finish(4);
  }

  @Test // SEMANTICS AF15
  void cancelSelf_bodyReturnsWithoutAwait_taskEndsCancelled() {
    run(Asyncio.async(() -> {
      Task<String> t = Asyncio.createTask(Asyncio.async(() -> {
        Asyncio.currentTask().cancel();
        return "value";
      }));
      Asyncio.await(Asyncio.sleep(0));
      assertTrue(t.cancelled());
      return null;
    }));
  }

  @Test // SEMANTICS AF16
  void cancel_beforeFirstStep_bodyNeverRuns() {
    run(Asyncio.async(() -> {
      Task<Void> t = Asyncio.createTask(Asyncio.async(() -> {
        try {
          steps.expectUnreached();
        } finally {
          steps.expectUnreached();
        }
        return null;
      }));
      t.cancel();
      Asyncio.await(Asyncio.sleep(0));
      assertTrue(t.cancelled());
      assertTrue(t.getCoro().isDone());
      return null;
    }));
  }

  @Test // SEMANTICS AF17
  void cancelMessage_deliveredInBodyAndToAwaiters() {
    run(Asyncio.async(() -> {
      List<String> seen = new ArrayList<>();
      Task<Void> t = Asyncio.createTask(Asyncio.async(() -> {
        try {
          Asyncio.await(Asyncio.sleep(10));
        } catch (CancelledError e) {
          seen.add(e.getMessage());
          throw e;
        }
        return null;
      }));
      Asyncio.await(Asyncio.sleep(0));
      t.cancel("m1");
      t.cancel("m2");
      try {
        Asyncio.await(t);
      } catch (CancelledError e) {
        seen.add(e.getMessage());
      }
      assertEquals("m1", assertThrows(CancelledError.class, t::result).getMessage());
      assertEquals(List.of("m1", "m1"), seen);
      return null;
    }));
  }

  @Test // SEMANTICS AF17 (as CPython: CPythonCornersTest)
  void cancelTwiceBeforeStart_lastMessageWins() {
    run(Asyncio.async(() -> {
      Task<Void> t = Asyncio.createTask(Asyncio.sleep(1));
      t.cancel("first");
      t.cancel("second");
      Asyncio.await(Asyncio.sleep(0));
      assertEquals("second", assertThrows(CancelledError.class, t::result).getMessage());
      return null;
    }));
  }

  @Test // SEMANTICS AF18
  void bodyCatchesCancel_returnsValue_taskNotCancelled() {
    run(Asyncio.async(() -> {
      Task<String> t = Asyncio.createTask(Asyncio.async(() -> {
        try {
          Asyncio.await(Asyncio.sleep(10));
        } catch (CancelledError e) {
          return "survived";
        }
        return "slept";
      }));
      Asyncio.await(Asyncio.sleep(0));
      t.cancel();
      assertEquals("survived", Asyncio.await(t));
      assertFalse(t.cancelled());
      assertEquals(1, t.cancelling());
      return null;
    }));
  }

  @Test // SEMANTICS AF18
  void bodyCatchesCancel_goesOnAwaiting_keepsRunning() {
    run(Asyncio.async(() -> {
      Task<String> t = Asyncio.createTask(Asyncio.async(() -> {
        try {
          Asyncio.await(Asyncio.sleep(10));
        } catch (CancelledError e) {
          steps.expect(1);
        }
        assertTrue(Asyncio.currentTask().cancelling() > 0);
        Asyncio.await(Asyncio.sleep(1));
        steps.expect(2);
        Asyncio.currentTask().uncancel();
        assertEquals(0, Asyncio.currentTask().cancelling());
        return "done";
      }));
      Asyncio.await(Asyncio.sleep(0));
      t.cancel();
      assertEquals("done", Asyncio.await(t));
      return null;
    }));
    steps.finish(3);
  }

  @Test // SEMANTICS AF19
  void counters_cancelAddsUncancelSubtractsNeverBelowZero() {
    run(Asyncio.async(() -> {
      Task<Void> t = Asyncio.createTask(Asyncio.sleep(1));
      assertTrue(t.cancel());
      assertTrue(t.cancel());
      assertEquals(2, t.cancelling());
      assertEquals(1, t.uncancel());
      assertEquals(0, t.uncancel());
      assertEquals(0, t.uncancel());
      Task<String> done = Asyncio.createTask(Asyncio.async(() -> "x"));
      Asyncio.await(done);
      assertFalse(done.cancel());
      assertEquals(0, done.cancelling());
      return null;
    }));
  }

  @Test // SEMANTICS AF21
  void taskSetResultOrException_refused() {
    run(Asyncio.async(() -> {
      Task<String> t = Asyncio.createTask(Asyncio.async(() -> "x"));
      IllegalStateException a = assertThrows(IllegalStateException.class, () -> t.setResult("y"));
      assertTrue(a.getMessage().contains("Task does not support set_result operation"));
      IllegalStateException b = assertThrows(IllegalStateException.class, () -> t.setException(new RuntimeException()));
      assertTrue(b.getMessage().contains("Task does not support set_exception operation"));
      return Asyncio.await(t);
    }));
  }

  @Test // SEMANTICS AF9
  void taskExceptionNeverRetrieved_reportedAsTask() throws Exception {
    RuntimeException boom = new RuntimeException("task lost");
    run(Asyncio.async(() -> {
      Asyncio.createTask(Asyncio.async(() -> { throw boom; }));
      Asyncio.await(Asyncio.sleep(0));
      return null;
    }));
    Gc.untilReported(() -> !reports.isEmpty());
    assertFalse(reports.isEmpty(), "no report after forcing collections");
    assertEquals("Task exception was never retrieved", reports.get(0).get("message"));
    assertSame(boom, reports.get(0).get("exception"));
    assertTrue(reports.get(0).containsKey("task"));
  }

  @Test // SEMANTICS AF10
  void loopClosedWithPendingTask_reported() {
    Task<Void> t = loop.createTask(Asyncio.sleep(100));
    loop.stop();
    loop.runForever();
    loop.close();
    Map<String, Object> r = reports.get(0);
    assertEquals("Task was destroyed but it is pending!", r.get("message"));
    assertSame(t, r.get("task"));
  }
}

package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CombinatorTest extends LoopFixture {

  static Coroutine<String> after(double seconds, String value) {
    return Asyncio.sleep(seconds, value);
  }

  static Coroutine<String> failAfter(double seconds, RuntimeException e) {
    return Asyncio.async(() -> {
      Asyncio.await(Asyncio.sleep(seconds));
      throw e;
    });
  }

  @Test // SEMANTICS AF22
  void gather_wrapsAtCallResultsInArgumentOrder() {
    List<Object> r = run(Asyncio.async(() -> {
      int before = Asyncio.allTasks().size();
      Future<List<Object>> g = Asyncio.gather(after(2, "slow"), after(1, "fast"));
      assertEquals(before + 2, Asyncio.allTasks().size()); // wrapped before being awaited
      return Asyncio.await(g);
    }));
    assertEquals(List.of("slow", "fast"), r);
  }

  @Test // SEMANTICS AF22
  void gather_sameAwaitableTwice_sharesOneTask_emptyGivesEmptyList() {
    run(Asyncio.async(() -> {
      Coroutine<String> c = after(1, "x");
      int before = Asyncio.allTasks().size();
      Future<List<Object>> g = Asyncio.gather(c, c);
      assertEquals(before + 1, Asyncio.allTasks().size());
      assertEquals(List.of("x", "x"), Asyncio.await(g));
      assertEquals(List.of(), Asyncio.await(Asyncio.gather()));
      return null;
    }));
  }

  @Test // SEMANTICS AF23
  void gather_firstFailureReachesAwaiter_othersKeepRunning() {
    RuntimeException boom = new RuntimeException("boom");
    run(Asyncio.async(() -> {
      Task<String> slow = Asyncio.createTask(after(5, "late"));
      RuntimeException late = new RuntimeException("later failure");
      Future<List<Object>> g = Asyncio.gather(failAfter(1, boom), slow, failAfter(2, late));
      try {
        Asyncio.await(g);
      } catch (RuntimeException e) {
        assertSame(boom, e);
        assertEquals(1.0, loop.time());
      }
      assertFalse(slow.done());
      assertEquals("late", Asyncio.await(slow));
      return null;
    }));
    assertTrue(reports.isEmpty()); // the later failure counts as retrieved
  }

  @Test // SEMANTICS AF24
  void gather_returnExceptions_exceptionsInPlace_cancelledGivesCancelledError() {
    RuntimeException boom = new RuntimeException();
    List<Object> r = run(Asyncio.async(() -> {
      Task<String> gone = Asyncio.createTask(after(5, "never"));
      Future<List<Object>> g = Asyncio.gather(true, after(1, "a"), failAfter(1, boom), gone);
      Asyncio.await(Asyncio.sleep(0));
      gone.cancel();
      return Asyncio.await(g);
    }));
    assertEquals("a", r.get(0));
    assertSame(boom, r.get(1));
    assertInstanceOf(CancelledError.class, r.get(2));
  }

  @Test // SEMANTICS AF25
  void gather_childCancelled_awaitThrowsCancelledError() {
    run(Asyncio.async(() -> {
      Task<String> gone = Asyncio.createTask(after(5, "never"));
      Future<List<Object>> g = Asyncio.gather(gone, after(1, "x"));
      Asyncio.await(Asyncio.sleep(0));
      gone.cancel();
      try {
        Asyncio.await(g);
        steps.expectUnreached();
      } catch (CancelledError e) {
        steps.expect(1);
      }
      assertFalse(g.cancelled()); // the gather itself was not cancelled
      return null;
    }));
    steps.finish(2);
  }

  @Test // SEMANTICS AF26
  void gather_cancelled_cancelsChildren_awaiterGetsCancelledEvenWithReturnExceptions() {
    run(Asyncio.async(() -> {
      Task<String> a = Asyncio.createTask(after(5, "a"));
      Task<String> b = Asyncio.createTask(after(5, "b"));
      Future<List<Object>> g = Asyncio.gather(true, a, b);
      Task<List<Object>> waiter = Asyncio.createTask(Asyncio.async(() -> Asyncio.await(g)));
      Asyncio.await(Asyncio.sleep(0));
      waiter.cancel();
      try {
        Asyncio.await(waiter);
      } catch (CancelledError e) {
        steps.expect(1);
      }
      assertTrue(a.cancelled());
      assertTrue(b.cancelled());
      return null;
    }));
    steps.finish(2);
  }

  @Test // SEMANTICS AF26
  void gather_done_cancelDoesNothingToChildren() {
    run(Asyncio.async(() -> {
      Task<String> a = Asyncio.createTask(after(1, "a"));
      Future<List<Object>> g = Asyncio.gather(a);
      Asyncio.await(g);
      assertFalse(g.cancel());
      assertFalse(a.cancelled());
      return null;
    }));
  }

  @Test // SEMANTICS AF27
  void wait_timeout_returnsDonePendingNeverCancels() {
    run(Asyncio.async(() -> {
      Task<String> fast = Asyncio.createTask(after(1, "f"));
      Task<String> slow = Asyncio.createTask(after(10, "s"));
      WaitResult<String> r = Asyncio.await(Asyncio.wait(List.of(fast, slow), 5.0, ReturnWhen.ALL_COMPLETED));
      assertEquals(5.0, loop.time());
      assertEquals(Set.of(fast), r.done());
      assertEquals(Set.of(slow), r.pending());
      assertFalse(slow.cancelled());
      slow.cancel();
      return null;
    }));
  }

  @Test // SEMANTICS AF27
  void wait_firstCompleted_returnsAfterFirst() {
    run(Asyncio.async(() -> {
      Task<String> fast = Asyncio.createTask(after(1, "f"));
      Task<String> slow = Asyncio.createTask(after(10, "s"));
      WaitResult<String> r = Asyncio.await(Asyncio.wait(List.of(slow, fast), null, ReturnWhen.FIRST_COMPLETED));
      assertEquals(Set.of(fast), r.done());
      assertEquals(1.0, loop.time());
      slow.cancel();
      return null;
    }));
  }

  @Test // SEMANTICS AF27
  void wait_firstException_stopsAtFailure_orActsAsAllCompleted() {
    RuntimeException boom = new RuntimeException();
    run(Asyncio.async(() -> {
      Task<String> bad = Asyncio.createTask(failAfter(1, boom));
      Task<String> slow = Asyncio.createTask(after(10, "s"));
      WaitResult<String> r = Asyncio.await(Asyncio.wait(List.of(bad, slow), null, ReturnWhen.FIRST_EXCEPTION));
      assertEquals(Set.of(bad), r.done());
      assertSame(boom, bad.exception());
      Task<String> a = Asyncio.createTask(after(1, "a"));
      Task<String> b = Asyncio.createTask(after(2, "b"));
      WaitResult<String> all = Asyncio.await(Asyncio.wait(List.of(a, b), null, ReturnWhen.FIRST_EXCEPTION));
      assertEquals(2, all.done().size());
      slow.cancel();
      return null;
    }));
  }

  @Test // SEMANTICS AF27
  void wait_emptyCollection_throwsIllegalArgument_coroutinesWrappedInTasks() {
    assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.<Awaitable<String>>of()));
    run(Asyncio.async(() -> {
      WaitResult<String> r = Asyncio.await(Asyncio.wait(List.of(after(1, "x"), after(2, "y"))));
      assertEquals(2, r.done().size());
      for (Future<String> f : r.done()) assertInstanceOf(Task.class, f);
      return null;
    }));
  }

  @Test // SEMANTICS AF28
  void waitFor_null_isPlainAwait() {
    assertEquals("x", run(Asyncio.waitFor(after(100, "x"), null)));
  }

  @Test // SEMANTICS AF28
  void waitFor_timeout_cancelsWaitsThenTimeoutErrorCausedByCancel() {
    List<String> log = new ArrayList<>();
    TimeoutError e = assertThrows(TimeoutError.class, () -> run(Asyncio.waitFor(Asyncio.async(() -> {
      try {
        Asyncio.await(Asyncio.sleep(10));
      } finally {
        Asyncio.await(Asyncio.sleep(1)); // cleanup that takes time: waitFor waits for it
        log.add("cleaned at " + loop.time());
      }
      return "never";
    }), 2.0)));
    assertInstanceOf(CancelledError.class, e.getCause());
    assertEquals(List.of("cleaned at 3.0"), log);
  }

  @Test // SEMANTICS AF28
  void waitFor_innerSuppressesCancel_valueReturned() {
    String r = run(Asyncio.waitFor(Asyncio.async(() -> {
      try {
        Asyncio.await(Asyncio.sleep(10));
      } catch (CancelledError e) {
        return "suppressed";
      }
      return "slept";
    }), 1.0));
    assertEquals("suppressed", r);
  }

  @Test // SEMANTICS AF29
  void waitFor_zeroTimeout_doneGivesResult_pendingTimesOut() {
    run(Asyncio.async(() -> {
      Future<String> done = loop.createFuture();
      done.setResult("ready");
      assertEquals("ready", Asyncio.await(Asyncio.waitFor(done, 0.0)));
      Task<String> slow = Asyncio.createTask(after(5, "s"));
      try {
        Asyncio.await(Asyncio.waitFor(slow, 0.0));
        steps.expectUnreached();
      } catch (TimeoutError e) {
        steps.expect(1);
      }
      assertTrue(slow.cancelled());
      return null;
    }));
    steps.finish(2);
  }

  @Test // SEMANTICS AF29
  void waitFor_callerCancelled_innerCancelledToo() {
    run(Asyncio.async(() -> {
      Task<String> inner = Asyncio.createTask(after(10, "i"));
      Task<String> caller = Asyncio.createTask(Asyncio.waitFor(inner, 5.0));
      Asyncio.await(Asyncio.sleep(1));
      caller.cancel();
      try {
        Asyncio.await(caller);
      } catch (CancelledError e) {
        steps.expect(1);
      }
      assertTrue(inner.cancelled());
      return null;
    }));
    steps.finish(2);
  }

  @Test // SEMANTICS AF29 (3.12: a coroutine runs in the caller's task)
  void waitFor_coroutine_runsInCallersTask() {
    run(Asyncio.async(() -> {
      Task<?> me = Asyncio.currentTask();
      assertSame(me, Asyncio.await(Asyncio.waitFor(Asyncio.async(Asyncio::currentTask), 5.0)));
      return null;
    }));
  }

  @Test // SEMANTICS AF30
  void shield_outerCancelled_innerKeepsRunning() {
    run(Asyncio.async(() -> {
      Task<String> inner = Asyncio.createTask(after(2, "inner"));
      Future<String> outer = Asyncio.shield(inner);
      Task<String> awaiter = Asyncio.createTask(Asyncio.async(() -> Asyncio.await(outer)));
      Asyncio.await(Asyncio.sleep(1));
      awaiter.cancel();
      try {
        Asyncio.await(awaiter);
      } catch (CancelledError e) {
        steps.expect(1);
      }
      assertFalse(inner.cancelled());
      assertEquals("inner", Asyncio.await(inner));
      return null;
    }));
    steps.finish(2);
  }

  @Test // SEMANTICS AF30
  void shield_innerCancelled_outerCancelled_doneInnerReturnedAsIs() {
    run(Asyncio.async(() -> {
      Task<String> inner = Asyncio.createTask(after(2, "inner"));
      Future<String> outer = Asyncio.shield(inner);
      Asyncio.await(Asyncio.sleep(0));
      inner.cancel();
      try {
        Asyncio.await(outer);
      } catch (CancelledError e) {
        steps.expect(1);
      }
      assertTrue(outer.cancelled());
      Future<String> done = loop.createFuture();
      done.setResult("d");
      assertSame(done, Asyncio.shield(done));
      return null;
    }));
    steps.finish(2);
  }

  @Test // SEMANTICS AF31
  void asCompleted_yieldsInCompletionOrder() {
    List<String> r = run(Asyncio.async(() -> {
      List<String> out = new ArrayList<>();
      for (Coroutine<String> next : Asyncio.asCompleted(List.of(after(3, "c"), after(1, "a"), after(2, "b")), null)) {
        out.add(Asyncio.await(next));
      }
      return out;
    }));
    assertEquals(List.of("a", "b", "c"), r);
  }

  @Test // SEMANTICS AF31
  void asCompleted_timeout_outstandingThrowTimeoutError_nothingCancelled() {
    run(Asyncio.async(() -> {
      Task<String> slow = Asyncio.createTask(after(10, "slow"));
      List<Object> out = new ArrayList<>();
      for (Coroutine<String> next : Asyncio.asCompleted(List.of(after(1, "fast"), slow), 5.0)) {
        try {
          out.add(Asyncio.await(next));
        } catch (TimeoutError e) {
          out.add("timeout");
        }
      }
      assertEquals(List.of("fast", "timeout"), out);
      assertFalse(slow.cancelled());
      slow.cancel();
      return null;
    }));
  }

  @Test // SEMANTICS AF32
  void timeout_expires_taskCancelledAndTimeoutErrorCausedByCancel() {
    TimeoutError e = assertThrows(TimeoutError.class, () -> run(Asyncio.timeout(1.0, () -> {
      Asyncio.await(Asyncio.sleep(10));
      return "never";
    })));
    assertInstanceOf(CancelledError.class, e.getCause());
    assertEquals(1.0, loop.time());
  }

  @Test // SEMANTICS AF32
  void timeout_outsideCancel_cancelledErrorPassesThrough() {
    run(Asyncio.async(() -> {
      Task<String> t = Asyncio.createTask(Asyncio.timeout(5.0, () -> {
        Asyncio.await(Asyncio.sleep(10));
        return "never";
      }));
      Asyncio.await(Asyncio.sleep(1));
      t.cancel();
      try {
        Asyncio.await(t);
      } catch (CancelledError e) {
        steps.expect(1);
      }
      return null;
    }));
    steps.finish(2);
  }

  @Test // SEMANTICS AF32
  void timeout_expiredButBodyCompletes_nothingThrown() {
    String r = run(Asyncio.timeout(1.0, () -> {
      try {
        Asyncio.await(Asyncio.sleep(10));
      } catch (CancelledError e) {
        return "handled";
      }
      return "slept";
    }));
    assertEquals("handled", r);
  }

  @Test // SEMANTICS AF33
  void timeout_nullNeverExpires_pastDeadlineFiresSoon() {
    assertEquals("ok", run(Asyncio.async(() -> {
      Asyncio.await(Asyncio.timeout(null, () -> Asyncio.await(Asyncio.sleep(1000))));
      try {
        Asyncio.await(Asyncio.timeoutAt(loop.time() - 1, () -> Asyncio.await(Asyncio.sleep(1))));
        steps.expectUnreached();
      } catch (TimeoutError e) {
        steps.expect(1);
      }
      return "ok";
    })));
    steps.finish(2);
  }

  @Test // SEMANTICS AF34
  void nestedTimeouts_onlyExpiredOneTurnsCancelIntoTimeout() {
    run(Asyncio.async(() -> {
      try {
        Asyncio.await(Asyncio.timeout(10.0, () -> {
          try {
            return Asyncio.await(Asyncio.timeout(1.0, () -> Asyncio.await(Asyncio.sleep(5))));
          } catch (TimeoutError inner) {
            steps.expect(1); // the inner one expired
            throw inner;
          }
        }));
      } catch (TimeoutError e) {
        steps.expect(2); // passed through the outer one unchanged
        assertEquals(1.0, loop.time());
      }
      assertEquals(0, Asyncio.currentTask().cancelling());
      return null;
    }));
    steps.finish(3);
  }

  @Test // SEMANTICS AF34
  void nestedTimeouts_bothExpireSameIteration_outerOneTimesOut() {
    run(Asyncio.async(() -> {
      try {
        Asyncio.await(Asyncio.timeout(1.0, () -> Asyncio.await(Asyncio.timeout(1.0, () -> Asyncio.await(Asyncio.sleep(5))))));
      } catch (TimeoutError e) {
        steps.expect(1);
      }
      assertEquals(0, Asyncio.currentTask().cancelling());
      return null;
    }));
    steps.finish(2);
  }

  @Test // SEMANTICS AF33
  void timeoutObject_whenExpiredReschedule_workAsInPython() {
    String r = run(Asyncio.timeout(1.0, (Timeout cm) -> {
      assertEquals(1.0, cm.when());
      assertFalse(cm.expired());
      cm.reschedule(cm.when() + 5);
      Asyncio.await(Asyncio.sleep(3)); // would have expired at 1.0
      cm.reschedule(null);
      Asyncio.await(Asyncio.sleep(10));
      return "in time";
    }));
    assertEquals("in time", r);
    assertEquals(13.0, loop.time());
  }

  @Test // SEMANTICS AF33
  void timeoutObject_expired_trueAfterDeadline_rescheduleAfterExitThrows() {
    Timeout[] kept = new Timeout[1];
    assertThrows(TimeoutError.class, () -> run(Asyncio.timeout(1.0, (Timeout cm) -> {
      kept[0] = cm;
      try {
        Asyncio.await(Asyncio.sleep(5));
      } finally {
        assertTrue(cm.expired());
      }
      return null;
    })));
    assertTrue(kept[0].expired());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept[0].reschedule(1.0));
    assertTrue(e.getMessage().contains("Cannot change state of expired Timeout"));
  }

  @Test // SEMANTICS AF33
  void timeout_outsideTask_throwsShouldBeUsedInsideTask() {
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    loop.callSoon(() -> {
      try {
        awaitOutsideTask(Asyncio.timeout(1.0, () -> "x"));
      } catch (IllegalStateException e) {
        failure.set(e);
      }
    });
    iterate(1);
    assertTrue(failure.get().getMessage().contains("Timeout should be used inside a task"));
  }

  /** Awaits from a plain callback: fine as long as nothing suspends (Suspend is never thrown). */
  private static <T> T awaitOutsideTask(Coroutine<T> c) {
    try {
      return Asyncio.await(c);
    } catch (dev.weft.continuations.Suspend never) {
      throw new AssertionError(never);
    }
  }
}

package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Suspend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TaskStepTest extends LoopFixture {

  static String fetch(String x) throws Suspend {
    Asyncio.await(Asyncio.sleep(1));
    return "got " + x;
  }

  @Test // SEMANTICS A13
  void runUntilComplete_coroutine_returnsResult() {
    assertEquals("got a", loop.runUntilComplete(Asyncio.async(() -> fetch("a"))));
    assertEquals(1.0, loop.time());
  }

  @Test // SEMANTICS A13
  void runUntilComplete_failure_rethrowsSameInstance() {
    IOException io = new IOException("x");
    Throwable thrown = assertThrows(IOException.class, () -> loop.runUntilComplete(Asyncio.async(() -> {
      Asyncio.await(Asyncio.sleep(0));
      throw dev.weft.asyncio.internal.task.Sneaky.rethrow(io);
    })));
    assertSame(io, thrown);
  }

  @Test // SEMANTICS A13
  void runUntilComplete_loopStoppedFirst_throws() {
    Future<String> never = loop.createFuture();
    loop.callSoon(loop::stop);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(never));
    assertTrue(e.getMessage().contains("Event loop stopped before Future completed."));
  }

  @Test // SEMANTICS A16
  void createTask_closedLoop_throwsAndClosesCoroutine() {
    loop.close();
    Coroutine<String> c = Asyncio.async(() -> "x");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.createTask(c));
    assertTrue(e.getMessage().contains("Event loop is closed"));
    assertTrue(c.isDone());
  }

  @Test // SEMANTICS A17
  void getRunningLoop_insideTask_isLoop() {
    assertSame(loop, run(Asyncio.async(Asyncio::getRunningLoop)));
  }

  @Test // SEMANTICS A19
  void run_returnsMainResult_andClosesLoop() {
    assertEquals("got b", run(Asyncio.async(() -> fetch("b"))));
    assertTrue(loop.isClosed());
  }

  @Test // SEMANTICS A19
  void run_mainCancelled_throwsCancelledError() {
    CancelledError e = assertThrows(CancelledError.class, () -> run(Asyncio.async(() -> {
      Asyncio.currentTask().cancel("stop it");
      Asyncio.await(Asyncio.sleep(5));
      return null;
    })));
    assertEquals("stop it", e.getMessage());
  }

  @Test // SEMANTICS A19
  void run_insideRunningLoop_throws() {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    run(Asyncio.async(() -> {
      try {
        Asyncio.run(Asyncio.async(() -> "inner"));
      } catch (IllegalStateException e) {
        failure.set(e);
      }
      return null;
    }));
    assertTrue(failure.get().getMessage().contains("asyncio.run() cannot be called from a running event loop"));
  }

  @Test // SEMANTICS A20
  void run_leftoverTasks_cancelledAndAwaitedBeforeClose() {
    List<String> log = new ArrayList<>();
    run(Asyncio.async(() -> {
      Asyncio.createTask(Asyncio.async(() -> {
        try {
          Asyncio.await(Asyncio.sleep(100));
        } finally {
          log.add("child finally");
        }
        return null;
      }));
      Asyncio.await(Asyncio.sleep(0));
      return null;
    }));
    assertEquals(List.of("child finally"), log);
    assertTrue(loop.isClosed());
    assertNull(EventLoop.SET.get());
    assertTrue(reports.isEmpty());
  }

  @Test // SEMANTICS A20
  void run_leftoverTaskFailsDuringShutdown_reported() {
    RuntimeException boom = new RuntimeException("during shutdown");
    run(Asyncio.async(() -> {
      Asyncio.createTask(Asyncio.async(() -> {
        try {
          Asyncio.await(Asyncio.sleep(100));
        } catch (CancelledError e) {
          throw boom;
        }
        return null;
      }));
      Asyncio.await(Asyncio.sleep(0));
      return null;
    }));
    assertEquals("unhandled exception during asyncio.run() shutdown", reports.get(0).get("message"));
    assertSame(boom, reports.get(0).get("exception"));
  }

  @Test // SEMANTICS A21
  void run_coroutineAlreadyAwaited_throws() {
    Coroutine<String> c = Asyncio.async(() -> "x");
    assertEquals("x", run(c));
    loop = new EventLoop(clock);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(c));
    assertTrue(e.getMessage().contains("cannot reuse already awaited coroutine"));
  }

  @Test // SEMANTICS A22
  void createTask_bodyDoesNotRunBeforeReturn_tasksStartInCreationOrder() {
    run(Asyncio.async(() -> {
      steps.expect(1);
      Asyncio.createTask(Asyncio.async(() -> { steps.expect(3); return null; }));
      Asyncio.createTask(Asyncio.async(() -> { steps.expect(4); return null; }));
      steps.expect(2);
      Asyncio.await(Asyncio.sleep(0));
      steps.expect(5);
      return null;
    }));
    steps.finish(6);
  }

  @Test // SEMANTICS A23
  void taskNames_defaultCountsUp_givenAndSetNamesKept() {
    run(Asyncio.async(() -> {
      Task<?> a = Asyncio.createTask(Asyncio.async(() -> null));
      Task<?> b = Asyncio.createTask(Asyncio.async(() -> null));
      int na = Integer.parseInt(a.getName().substring("Task-".length()));
      int nb = Integer.parseInt(b.getName().substring("Task-".length()));
      assertEquals(na + 1, nb);
      Task<?> c = Asyncio.createTask(Asyncio.async(() -> null), "n1");
      assertEquals("n1", c.getName());
      c.setName("n2");
      assertEquals("n2", c.getName());
      return null;
    }));
  }

  @Test // SEMANTICS A24
  void await_pendingFuture_wakesInIterationAfterCompletion_noSecondCallSoon() {
    run(Asyncio.async(() -> {
      Future<String> f = loop.createFuture();
      loop.callSoon(() -> {
        steps.expect(2);
        f.setResult("v");                       // iteration N: the wake-up is scheduled
        loop.callSoon(() -> steps.expect(4));   // behind the wake-up
      });
      steps.expect(1);
      String v = Asyncio.await(f);
      steps.expect(3);                          // iteration N+1, before the callback scheduled after it
      assertEquals("v", v);
      Asyncio.await(Asyncio.sleep(0));
      return null;
    }));
    steps.finish(5);
  }

  @Test // SEMANTICS A25
  void await_doneFuture_returnsWithoutYielding() {
    run(Asyncio.async(() -> {
      Future<String> f = loop.createFuture();
      f.setResult("now");
      loop.callSoon(() -> steps.expect(3));
      steps.expect(1);
      assertEquals("now", Asyncio.await(f));
      steps.expect(2);
      Asyncio.await(Asyncio.sleep(0));
      return null;
    }));
    steps.finish(4);
  }

  @Test // SEMANTICS A25
  void await_doneFailedFuture_throwsAtOnce() {
    RuntimeException boom = new RuntimeException();
    run(Asyncio.async(() -> {
      Future<String> f = loop.createFuture();
      f.setException(boom);
      assertSame(boom, assertThrows(RuntimeException.class, () -> awaitPlain(f)));
      return null;
    }));
  }

  private static <T> T awaitPlain(Future<T> f) {
    return f.result(); // what await of a done future does, without the suspend point in a lambda
  }

  @Test // SEMANTICS A26
  void await_coroutineOrSuspendableMethod_runsInlineInSameTask() {
    run(Asyncio.async(() -> {
      Task<?> me = Asyncio.currentTask();
      int before = Asyncio.allTasks().size();
      Task<?> inner = Asyncio.await(Asyncio.async(() -> {
        assertEquals(before, Asyncio.allTasks().size());
        return Asyncio.currentTask();
      }));
      assertSame(me, inner);
      assertEquals("got z", fetch("z"));
      return null;
    }));
  }

  @Test // SEMANTICS A27
  void sleepZero_yieldsExactlyOnce_behindReadyCallbacks() {
    run(Asyncio.async(() -> {
      loop.callSoon(() -> steps.expect(2));
      steps.expect(1);
      Asyncio.await(Asyncio.sleep(0));
      steps.expect(3);
      loop.callSoon(() -> steps.expect(4));
      Asyncio.await(Asyncio.sleep(-1));         // like sleep(0): behind the callback, one iteration
      steps.expect(5);
      Asyncio.await(Asyncio.sleep(0));
      return null;
    }));
    steps.finish(6);
  }

  @Test // SEMANTICS A27
  void sleep_positive_resumesAfterLoopTimeReturnsResult() {
    String r = run(Asyncio.async(() -> {
      double t0 = loop.time();
      String v = Asyncio.await(Asyncio.sleep(2.5, "r"));
      assertEquals(2.5, loop.time() - t0);
      assertNull(Asyncio.await(Asyncio.sleep(1)));
      return v;
    }));
    assertEquals("r", r);
  }

  @Test // SEMANTICS A27
  void sleep_cancelled_cancelsItsTimer() {
    run(Asyncio.async(() -> {
      Task<Void> t = Asyncio.createTask(Asyncio.sleep(50));
      Asyncio.await(Asyncio.sleep(0));
      t.cancel();
      Asyncio.await(Asyncio.sleep(0));
      Asyncio.await(Asyncio.sleep(0));
      assertTrue(t.cancelled());
      return null;
    }));
    assertEquals(0.0, loop.time()); // the 50 s timer was cancelled: the loop never skipped to it
  }

  @Test // SEMANTICS A28
  void task_awaitsItself_getsIllegalStateAtThatAwait() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(Asyncio.async(() -> {
      @SuppressWarnings("unchecked")
      Task<Object> me = (Task<Object>) Asyncio.currentTask();
      return Asyncio.await(me);
    })));
    assertTrue(e.getMessage().contains("Task cannot await on itself"));
  }

  @Test // SEMANTICS A28
  void task_awaitsFutureOfOtherLoop_getsIllegalState() {
    try (EventLoop other = new EventLoop(clock)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(Asyncio.async(() -> {
        Future<String> f = other.createFuture();
        return Asyncio.await(f);
      })));
      assertTrue(e.getMessage().contains("attached to a different loop"));
    }
  }

  @Test // SEMANTICS A29
  void currentTaskAndAllTasks_insideTaskAndCallback() {
    AtomicReference<Object> inCallback = new AtomicReference<>("unset");
    run(Asyncio.async(() -> {
      Task<?> me = Asyncio.currentTask();
      Task<Void> other = Asyncio.createTask(Asyncio.sleep(1));
      Set<Task<?>> all = Asyncio.allTasks();
      assertTrue(all.contains(me));
      assertTrue(all.contains(other));
      loop.callSoon(() -> inCallback.set(Asyncio.currentTask()));
      Asyncio.await(other);
      assertFalse(Asyncio.allTasks().contains(other));
      return null;
    }));
    assertNull(inCallback.get());
    assertThrows(IllegalStateException.class, Asyncio::currentTask);
    assertThrows(IllegalStateException.class, Asyncio::allTasks);
  }

  @Test // SEMANTICS A30
  void taskOutcome_resultExceptionCancel() {
    RuntimeException boom = new RuntimeException();
    run(Asyncio.async(() -> {
      Task<String> ok = Asyncio.createTask(Asyncio.async(() -> "v"));
      Task<String> bad = Asyncio.createTask(Asyncio.async(() -> { throw boom; }));
      Task<String> gone = Asyncio.createTask(Asyncio.async(() -> { throw new CancelledError("self"); }));
      Asyncio.await(Asyncio.sleep(0));
      assertEquals("v", ok.result());
      assertSame(boom, bad.exception());
      assertTrue(gone.cancelled()); // SEMANTICS AF20 as well
      return null;
    }));
    assertTrue(reports.isEmpty());
  }

  @Test // SEMANTICS A31
  void coroutine_runsNothingUntilAwaited_andOnlyOnce() {
    Coroutine<String> c = Asyncio.async(() -> {
      steps.expect(2);
      return "x";
    });
    steps.expect(1);
    run(Asyncio.async(() -> {
      assertEquals("x", Asyncio.await(c));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.createTask(c));
      assertTrue(e.getMessage().contains("cannot reuse already awaited coroutine"));
      return null;
    }));
    steps.finish(3);
  }

  @Test // SEMANTICS A31
  void coroutine_awaitedWhileAnotherTaskAwaitsIt_throws() {
    run(Asyncio.async(() -> {
      Coroutine<Void> shared = Asyncio.sleep(1);
      Task<Void> first = Asyncio.createTask(Asyncio.async(() -> Asyncio.await(shared)));
      Asyncio.await(Asyncio.sleep(0));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.createTask(shared));
      assertTrue(e.getMessage().contains("coroutine is being awaited already"));
      Asyncio.await(first);
      return null;
    }));
  }

  @Test // SEMANTICS section 9.7
  void run_threadInterrupted_cancelsMainOnce_interruptStatusKept() {
    try {
      assertThrows(CancelledError.class, () -> run(Asyncio.async(() -> {
        Thread.currentThread().interrupt();
        Asyncio.await(Asyncio.sleep(100));
        return null;
      })));
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }

  @Test // SEMANTICS section 9.7
  void runForever_interruptedWithoutHandler_keepsRunningAndRestoresFlag() {
    loop.callSoon(() -> Thread.currentThread().interrupt());
    loop.callLater(5, loop::stop);
    try {
      loop.runForever();
      assertEquals(5.0, loop.time());
      assertTrue(Thread.interrupted());
    } finally {
      Thread.interrupted();
    }
  }
}

package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class TaskGroupTest extends LoopFixture {

  static Coroutine<String> failAfter(double seconds, RuntimeException e) {
    return Asyncio.async(() -> {
      Asyncio.await(Asyncio.sleep(seconds));
      throw e;
    });
  }

  @Test // SEMANTICS AF35
  void leavingGroup_waitsForEveryChild() {
    List<String> done = new ArrayList<>();
    String r = run(TaskGroup.run(tg -> {
      tg.createTask(Asyncio.async(() -> { Asyncio.await(Asyncio.sleep(2)); done.add("a"); return null; }));
      tg.createTask(Asyncio.async(() -> { Asyncio.await(Asyncio.sleep(1)); done.add("b"); return null; }), "b");
      return "body";
    }));
    assertEquals("body", r);
    assertEquals(List.of("b", "a"), done);
    assertEquals(2.0, loop.time());
  }

  @Test // SEMANTICS AF35
  void childFails_othersAndBodyCancelled_exceptionGroupInCompletionOrder() {
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second");
    List<String> log = new ArrayList<>();
    ExceptionGroup g = assertThrows(ExceptionGroup.class, () -> run(Asyncio.async(() -> {
      Task<?> parent = Asyncio.currentTask();
      try {
        return Asyncio.await(TaskGroup.run(tg -> {
          tg.createTask(failAfter(1, first));
          tg.createTask(Asyncio.async(() -> {
            try {
              Asyncio.await(Asyncio.sleep(10));
            } catch (CancelledError e) {
              log.add("sibling cancelled");
              throw second; // fails while being cancelled: collected too
            }
            return null;
          }));
          try {
            Asyncio.await(Asyncio.sleep(10));
          } catch (CancelledError e) {
            log.add("body cancelled");
            throw e;
          }
          return null;
        }));
      } finally {
        assertEquals(0, parent.cancelling()); // cancelled by the group, then uncancelled
      }
    })));
    assertEquals(List.of(first, second), g.exceptions());
    assertTrue(log.contains("sibling cancelled"));
    assertTrue(log.contains("body cancelled"));
    assertEquals(1.0, loop.time());
  }

  @Test // SEMANTICS AF36
  void bodyFails_childrenCancelled_bodyExceptionInGroup() {
    IllegalStateException bodyError = new IllegalStateException("body");
    List<String> log = new ArrayList<>();
    ExceptionGroup g = assertThrows(ExceptionGroup.class, () -> run(TaskGroup.run(tg -> {
      tg.createTask(Asyncio.async(() -> {
        try {
          Asyncio.await(Asyncio.sleep(10));
        } catch (CancelledError e) {
          log.add("child cancelled");
          throw e;
        }
        return null;
      }));
      Asyncio.await(Asyncio.sleep(0));
      throw bodyError;
    })));
    assertEquals(List.of(bodyError), g.exceptions());
    assertEquals(List.of("child cancelled"), log);
  }

  @Test // SEMANTICS AF37
  void outsideCancel_noFailure_cancelledErrorAfterChildrenFinish() {
    List<String> log = new ArrayList<>();
    run(Asyncio.async(() -> {
      Task<Object> t = Asyncio.createTask(TaskGroup.run(tg -> {
        tg.createTask(Asyncio.async(() -> {
          try {
            Asyncio.await(Asyncio.sleep(10));
          } finally {
            Asyncio.await(Asyncio.sleep(1));
            log.add("child finished");
          }
          return null;
        }));
        Asyncio.await(Asyncio.sleep(10));
        return null;
      }));
      Asyncio.await(Asyncio.sleep(1));
      t.cancel();
      try {
        Asyncio.await(t);
      } catch (CancelledError e) {
        log.add("cancelled");
      }
      return null;
    }));
    assertEquals(List.of("child finished", "cancelled"), log);
  }

  @Test // SEMANTICS AF37
  void outsideCancel_childFails_errorsTakePrecedence() {
    RuntimeException boom = new RuntimeException();
    run(Asyncio.async(() -> {
      Task<Object> t = Asyncio.createTask(TaskGroup.run(tg -> {
        tg.createTask(Asyncio.async(() -> {
          try {
            Asyncio.await(Asyncio.sleep(10));
          } catch (CancelledError e) {
            throw boom;
          }
          return null;
        }));
        Asyncio.await(Asyncio.sleep(10));
        return null;
      }));
      Asyncio.await(Asyncio.sleep(1));
      t.cancel();
      try {
        Asyncio.await(t);
      } catch (ExceptionGroup g) {
        assertEquals(List.of(boom), g.exceptions());
        steps.expect(1);
      }
      return null;
    }));
    steps.finish(2);
  }

  @Test // SEMANTICS AF37
  void childVirtualMachineError_rethrownDirectly() {
    StackOverflowError fatal = new StackOverflowError("child");
    Throwable thrown = assertThrows(StackOverflowError.class, () -> run(TaskGroup.run(tg -> {
      tg.createTask(Asyncio.async(() -> { throw fatal; }));
      return null;
    })));
    assertSame(fatal, thrown);
  }

  @Test // SEMANTICS AF38
  void createTask_misuse_throwsAndClosesCoroutine() {
    TaskGroup[] kept = new TaskGroup[1];
    run(Asyncio.async(() -> {
      Asyncio.await(TaskGroup.run(tg -> {
        kept[0] = tg;
        return null;
      }));
      Coroutine<String> late = Asyncio.async(() -> "late");
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept[0].createTask(late));
      assertTrue(e.getMessage().contains("is finished"));
      assertTrue(late.isDone());
      return null;
    }));
  }

  @Test // SEMANTICS AF38
  void createTask_whileAborting_throwsShuttingDown() {
    List<String> messages = new ArrayList<>();
    assertThrows(ExceptionGroup.class, () -> run(TaskGroup.run(tg -> {
      tg.createTask(failAfter(0.5, new RuntimeException()));
      try {
        Asyncio.await(Asyncio.sleep(10));
      } catch (CancelledError e) {
        Coroutine<String> c = Asyncio.async(() -> "x");
        try {
          tg.createTask(c);
        } catch (IllegalStateException ise) {
          messages.add(ise.getMessage());
          assertTrue(c.isDone());
        }
        throw e;
      }
      return null;
    })));
    assertTrue(messages.get(0).contains("is shutting down"), messages.toString());
  }

  @Test // section 7: to_thread
  void toThread_runsOnOtherThread_resultBackInTask() {
    String r = run(Asyncio.async(() -> {
      Thread loopThread = Thread.currentThread();
      Thread worker = Asyncio.await(Asyncio.toThread(Thread::currentThread));
      assertTrue(worker != loopThread);
      return Asyncio.await(Asyncio.toThread(() -> "from thread"));
    }));
    assertEquals("from thread", r);
  }

  @Test // run_coroutine_threadsafe
  void runCoroutineThreadsafe_fromOtherThread_completesCompletableFuture() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<String>[] submitted = new CompletableFuture[1];
    Thread other = new Thread(() -> {
      try {
        running.await();
        submitted[0] = Asyncio.runCoroutineThreadsafe(Asyncio.async(() -> "on loop " + (Asyncio.getRunningLoop() == loop)), loop);
        submitted[0].get();
        loop.callSoonThreadsafe(loop::stop);
      } catch (InterruptedException | ExecutionException e) {
        throw new AssertionError(e);
      }
    });
    other.start();
    loop.callSoon(running::countDown);
    loop.runForever();
    other.join();
    assertEquals("on loop true", submitted[0].get());
  }
}

package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testing.Gc;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class DebugModeTest extends LoopFixture {

  @Test // SEMANTICS A35
  void debug_slowCallback_logged() {
    try (LogCapture log = LogCapture.start()) {
      loop.setDebug(true);
      loop.callSoon(() -> clock.advance(0.25)); // takes 0.25 s of loop time
      loop.callSoon(() -> { });
      iterate(1);
      List<String> warnings = log.messages();
      assertTrue(warnings.stream().anyMatch(w -> w.startsWith("Executing") && w.contains("took 0.25 seconds")), warnings.toString());
      assertTrue(warnings.size() == 1, warnings.toString());
    }
  }

  @Test // SEMANTICS A8, A35
  void debug_futureAndTaskMethodsFromOtherThread_throw() throws Exception {
    loop.setDebug(true);
    Future<String> f = loop.createFuture();
    AtomicReference<Throwable> setResult = new AtomicReference<>();
    AtomicReference<Throwable> createTask = new AtomicReference<>();
    loop.callSoon(() -> {
      Thread t = new Thread(() -> {
        setResult.set(assertThrows(IllegalStateException.class, () -> f.setResult("x")));
        createTask.set(assertThrows(IllegalStateException.class, () -> loop.createTask(Asyncio.async(() -> null))));
        loop.callSoonThreadsafe(loop::stop);
      });
      t.start();
    });
    loop.runForever();
    assertTrue(setResult.get().getMessage().contains("Non-thread-safe operation invoked on an event loop other than the current one"));
    assertInstanceOf(IllegalStateException.class, createTask.get());
  }

  @Test // SEMANTICS A35: the stack is where the future was made, not where it failed
  void debug_neverRetrievedReport_includesCreationStack() {
    loop.setDebug(true);
    Future<?>[] made = {makeFuture()};
    made[0].setException(new RuntimeException("debug"));
    made[0] = null;
    collectUntil(() -> !reports.isEmpty());
    Throwable creation = assertInstanceOf(Throwable.class, reports.get(0).get("source_traceback"));
    assertTrue(mentions(creation, "makeFuture"), stackOf(creation));
  }

  private Future<?> makeFuture() {
    return loop.createFuture();
  }

  @Test // SEMANTICS A35
  void debug_taskNeverRetrieved_reportNamesCreator() {
    loop.setDebug(true);
    spawnFailingTask();
    iterate(2);
    collectUntil(() -> !reports.isEmpty());
    Map<String, Object> report = reports.get(0);
    assertTrue(String.valueOf(report.get("message")).contains("Task exception was never retrieved"), report.toString());
    Throwable creation = assertInstanceOf(Throwable.class, report.get("source_traceback"));
    assertTrue(mentions(creation, "spawnFailingTask"), stackOf(creation));
  }

  private void spawnFailingTask() {
    loop.createTask(Asyncio.async(() -> {
      throw new IllegalStateException("lost");
    }));
  }

  @Test // SEMANTICS A35
  void notDebug_neverRetrievedReport_hasNoCreationStack() {
    loop.createFuture().setException(new RuntimeException("quiet"));
    collectUntil(() -> !reports.isEmpty());
    assertFalse(reports.get(0).containsKey("source_traceback"), reports.get(0).toString());
  }

  @Test // SEMANTICS A34, A35: a coroutine made while a debug loop runs remembers its creator
  void debug_neverAwaitedCoroutine_logsCreationStack() {
    try (LogCapture log = LogCapture.start()) {
      loop.setDebug(true);
      loop.callSoon(DebugModeTest::makeCoroutineAndDrop);
      iterate(1);
      collectUntil(() -> log.count("was never awaited") > 0);
      LogRecord r = log.records.stream().filter(x -> x.getMessage().contains("was never awaited")).findFirst().orElseThrow();
      assertTrue(r.getMessage().contains(DebugModeTest.class.getName() + ".<lambda>"), r.getMessage());
      assertNotNull(r.getThrown(), "debug mode attaches the creation stack");
      assertTrue(mentions(r.getThrown(), "makeCoroutineAndDrop"), stackOf(r.getThrown()));
    }
  }

  private static void makeCoroutineAndDrop() {
    Asyncio.async(() -> "forgotten");
  }

  /* Runs the collector and the loop (reports are delivered by callSoon) until the condition holds. */
  private void collectUntil(java.util.function.BooleanSupplier done) {
    Gc.untilReported(done, () -> iterate(1));
    assertTrue(done.getAsBoolean(), "the collector never reported; reports: " + reports);
  }

  private static boolean mentions(Throwable t, String method) {
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getMethodName().equals(method)) return true;
    }
    return false;
  }

  private static String stackOf(Throwable t) {
    java.io.StringWriter w = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }

  @Test // SEMANTICS A9
  void virtualMachineErrorInTask_leavesRunUntilComplete() {
    OutOfMemoryError fatal = new OutOfMemoryError("test");
    Throwable thrown = assertThrows(OutOfMemoryError.class, () -> loop.runUntilComplete(Asyncio.async(() -> {
      Asyncio.await(Asyncio.sleep(0));
      throw fatal;
    })));
    assertSame(fatal, thrown);
  }
}

package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class DebugModeTest extends LoopFixture {

  @Test // SEMANTICS A35
  void debug_slowCallback_logged() {
    List<String> warnings = new CopyOnWriteArrayList<>();
    Logger jul = Logger.getLogger("dev.weft.asyncio");
    Handler h = new Handler() {
      @Override
      public void publish(LogRecord r) {
        warnings.add(r.getMessage());
      }

      @Override
      public void flush() { }

      @Override
      public void close() { }
    };
    jul.addHandler(h);
    try {
      loop.setDebug(true);
      loop.callSoon(() -> clock.advance(0.25)); // takes 0.25 s of loop time
      loop.callSoon(() -> { });
      iterate(1);
      assertTrue(warnings.stream().anyMatch(w -> w.startsWith("Executing") && w.contains("took 0.25 seconds")), warnings.toString());
      assertTrue(warnings.size() == 1, warnings.toString());
    } finally {
      jul.removeHandler(h);
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

  @Test // SEMANTICS A35
  void debug_neverRetrievedReport_includesCreationStack() {
    loop.setDebug(true);
    failAndDrop();
    for (int i = 0; i < 200 && reports.isEmpty(); i++) {
      System.gc();
      loop.stop();
      loop.runForever();
      if (reports.isEmpty()) java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // waits for the collector
    }
    assertInstanceOf(Throwable.class, reports.get(0).get("source_traceback"));
  }

  private void failAndDrop() {
    loop.createFuture().setException(new RuntimeException("debug"));
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

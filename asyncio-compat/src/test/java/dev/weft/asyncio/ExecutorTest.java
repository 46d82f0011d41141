package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.ContextVar;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ExecutorTest extends LoopFixture {
  static final ContextVar<String> VAR = new ContextVar<>("executor", "default");

  @Test // SEMANTICS AX11
  void runInExecutor_defaultReused_exceptionSameInstance_noContextInherited() {
    IOException io = new IOException("disk");
    run(Asyncio.async(() -> {
      VAR.set("task");
      Thread first = Asyncio.await(loop.runInExecutor(null, Thread::currentThread));
      Thread second = Asyncio.await(loop.runInExecutor(null, Thread::currentThread));
      assertTrue(first.getName().startsWith("weft-asyncio-executor-"));
      assertTrue(second.getName().startsWith("weft-asyncio-executor-"));
      assertEquals("default", Asyncio.await(loop.runInExecutor(null, VAR::get)));
      try {
        Asyncio.await(loop.runInExecutor(null, () -> { throw io; }));
      } catch (Throwable t) {
        assertSame(io, t);
        steps.expect(1);
      }
      return null;
    }));
    steps.finish(2);
  }

  @Test // SEMANTICS AX12
  void runInExecutor_cancelledBeforeStart_jobNeverRuns() throws Exception {
    AtomicBoolean ran = new AtomicBoolean();
    CountDownLatch blocker = new CountDownLatch(1);
    java.util.concurrent.ExecutorService single = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      run(Asyncio.async(() -> {
        Future<Object> busy = loop.runInExecutor(single, () -> { blocker.await(); return null; });
        Future<Object> queued = loop.runInExecutor(single, () -> { ran.set(true); return null; });
        queued.cancel();
        Asyncio.await(Asyncio.sleep(0)); // the cancel reaches the job through a done callback
        blocker.countDown();
        Asyncio.await(busy);
        Asyncio.await(loop.runInExecutor(single, () -> null)); // after the queued one had its turn
        return null;
      }));
    } finally {
      single.shutdown();
    }
    assertTrue(!ran.get());
  }

  @Test // SEMANTICS AX13
  void toThread_otherTasksKeepRunning() {
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> order = new AtomicReference<>("");
    run(Asyncio.async(() -> {
      Task<Object> blocking = Asyncio.createTask(Asyncio.toThread(() -> {
        release.await();
        return null;
      }));
      Task<Void> other = Asyncio.createTask(Asyncio.async(() -> {
        Asyncio.await(Asyncio.sleep(0));
        order.set(order.get() + "other ran;");
        release.countDown();
        return null;
      }));
      Asyncio.await(blocking);
      Asyncio.await(other);
      return null;
    }));
    assertEquals("other ran;", order.get());
  }

  @Test // SEMANTICS AX14
  void afterRunOrClose_runInExecutorThrows() {
    run(Asyncio.async(() -> Asyncio.await(Asyncio.toThread(() -> "used the default executor"))));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> "x"));
    assertTrue(e.getMessage().contains("Event loop is closed"));
  }

  @Test // SEMANTICS AX16
  void awaitOnlyInExecutorThread_missingGreenlet() {
    Throwable t = run(Asyncio.async(() -> Asyncio.await(loop.runInExecutor(null, () -> {
      try {
        Asyncio.awaitOnly(Asyncio.sleep(0));
        return null;
      } catch (MissingGreenletError e) {
        return e;
      }
    }))));
    assertTrue(t instanceof MissingGreenletError);
  }
}

package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.generators.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class CoroutineLifecycleTest extends LoopFixture {

  <T> T run(Coroutine<T> main) {
    return Asyncio.run(main, loop);
  }

  @Test // SEMANTICS A32, section 9.1
  void neverAwaited_collected_warns() {
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
      makeAndDrop();
      for (int i = 0; i < 200 && warnings.stream().noneMatch(w -> w.contains("was never awaited")); i++) {
        System.gc();
        java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // waits for the collector, not a timing assert
      }
      assertTrue(warnings.stream().anyMatch(w -> w.contains("coroutine '") && w.contains("was never awaited")), warnings.toString());
      assertTrue(warnings.stream().anyMatch(w -> w.contains(CoroutineLifecycleTest.class.getName())), warnings.toString());
    } finally {
      jul.removeHandler(h);
    }
  }

  private static void makeAndDrop() {
    Asyncio.async(() -> "forgotten");
  }

  @Test // SEMANTICS A33
  void close_unstarted_marksClosedNoRun() {
    Coroutine<String> c = Asyncio.async(() -> {
      steps.expectUnreached();
      return "x";
    });
    c.close();
    assertTrue(c.isDone());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.createTask(c));
    assertTrue(e.getMessage().contains("cannot reuse already awaited coroutine"));
  }

  @Test // SEMANTICS A33
  void close_suspendedTaskBody_generatorExitAtAwaitRunsFinally() {
    run(Asyncio.async(() -> {
      Task<Void> t = Asyncio.createTask(Asyncio.async(() -> {
        try {
          Asyncio.await(Asyncio.sleep(10));
        } finally {
          steps.expect(1);
        }
        return null;
      }));
      Asyncio.await(Asyncio.sleep(0));
      t.getCoro().close();
      steps.expect(2);
      assertTrue(t.getCoro().isDone());
      assertTrue(t.done());
      return null;
    }));
    steps.finish(3);
  }

  @Test // SEMANTICS A33
  void close_bodyAwaitsInFinally_throwsIgnoredGeneratorExit() {
    run(Asyncio.async(() -> {
      Task<Void> t = Asyncio.createTask(Asyncio.async(() -> {
        try {
          Asyncio.await(Asyncio.sleep(10));
        } finally {
          Asyncio.await(Asyncio.sleep(1));
        }
        return null;
      }));
      Asyncio.await(Asyncio.sleep(0));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.getCoro().close());
      assertTrue(e.getMessage().contains("coroutine ignored GeneratorExit"));
      t.cancel();
      return null;
    }));
  }

  @Test // SEMANTICS A34
  void fromGenerator_yieldedFutureResultsSentBack_returnValueIsResult() {
    String r = run(Asyncio.async(() -> {
      Future<String> f = loop.createFuture();
      loop.callLater(1, () -> f.setResult("a"));
      Generator<Object, Object, String> gen = Generator.create(y -> {
        Object got = y.yield(f);
        y.yield(null); // skips one iteration
        Object slept = y.yield(Asyncio.ensureFuture(Asyncio.sleep(1, "b")));
        return got + "" + slept;
      });
      return Asyncio.await(Asyncio.fromGenerator(gen));
    }));
    assertEquals("ab", r);
    assertEquals(2.0, loop.time());
  }

  @Test // SEMANTICS A34
  void fromGenerator_failedOrCancelledFuture_thrownIntoGenerator() {
    RuntimeException boom = new RuntimeException();
    List<Throwable> caught = new ArrayList<>();
    run(Asyncio.async(() -> {
      Future<String> bad = loop.createFuture();
      Future<String> gone = loop.createFuture();
      bad.setException(boom);
      gone.cancel("c");
      Generator<Object, Object, Void> gen = Generator.create(y -> {
        try {
          y.yield(bad);
        } catch (RuntimeException e) {
          caught.add(e);
        }
        try {
          y.yield(gone);
        } catch (CancelledError e) {
          caught.add(e);
        }
        return null;
      });
      return Asyncio.await(Asyncio.createTask(Asyncio.fromGenerator(gen)));
    }));
    assertSame(boom, caught.get(0));
    assertEquals("c", caught.get(1).getMessage());
  }

  @Test // SEMANTICS A34
  void fromGenerator_badYield_illegalStateThrownIn() {
    List<String> caught = new ArrayList<>();
    run(Asyncio.async(() -> {
      Generator<Object, Object, Void> gen = Generator.create(y -> {
        try {
          y.yield("not a future");
        } catch (IllegalStateException e) {
          caught.add(e.getMessage());
        }
        return null;
      });
      return Asyncio.await(Asyncio.fromGenerator(gen));
    }));
    assertTrue(caught.get(0).contains("Task got bad yield: not a future"));
  }

  @Test // SEMANTICS A26 with generators: an await inside a user's generator suspends the task
  void awaitInsideUserGeneratorBody_suspendsTaskNotGenerator() {
    List<Integer> items = run(Asyncio.async(() -> {
      List<Integer> out = new ArrayList<>();
      Generator<Integer, Object, Void> gen = Generator.create(y -> {
        for (int i = 0; i < 3; i++) {
          Asyncio.await(Asyncio.sleep(1));
          y.yield(i);
        }
        return null;
      });
      while (gen.hasNext()) out.add(gen.next());
      return out;
    }));
    assertEquals(List.of(0, 1, 2), items);
    assertEquals(3.0, loop.time());
    assertFalse(loop.isRunning());
  }
}

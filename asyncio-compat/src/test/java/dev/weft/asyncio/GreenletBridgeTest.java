package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.ContextVar;
import dev.weft.continuations.Suspend;
import dev.weft.greenlet.Greenlet;
import dev.weft.greenlet.GreenletError;
import dev.weft.greenlet.GreenletExit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GreenletBridgeTest extends LoopFixture {
  static final ContextVar<String> VAR = new ContextVar<>("bridge", "unset");

  /** Synchronous-looking code: awaits through awaitOnly several calls deep. */
  static String fetchDeep(int depth, String value) throws Suspend {
    if (depth == 0) return Asyncio.awaitOnly(Asyncio.sleep(1, value));
    return fetchDeep(depth - 1, value);
  }

  @Test // SEMANTICS B1
  void spawn_createsChildOfTaskGreenlet_startsAtOnceWithArgs() {
    run(Asyncio.async(() -> {
      Greenlet driver = Greenlet.current();
      loop.callSoon(() -> steps.expect(3));
      Object r = Asyncio.await(Asyncio.greenletSpawn(args -> {
        steps.expect(1);
        assertSame(driver, Greenlet.current().parent());
        assertArrayEquals(new Object[] {"a", 2}, args);
        return "done";
      }, "a", 2));
      steps.expect(2); // no loop iteration in between
      assertEquals("done", r);
      Asyncio.await(Asyncio.sleep(0));
      return null;
    }));
    steps.finish(4);
  }

  @Test // SEMANTICS B2, B3
  void awaitOnly_pendingAtDepth_yieldsToLoop_doneDoesNot() {
    Object r = run(Asyncio.greenletSpawn(args -> {
      Future<String> done = loop.createFuture();
      done.setResult("now");
      assertEquals("now", Asyncio.awaitOnly(done));
      return fetchDeep(10, "deep");
    }));
    assertEquals("deep", r);
    assertEquals(1.0, loop.time());
  }

  @Test // SEMANTICS B4
  void awaitOnly_failure_sameInstanceThrownIn_catchableOrEscapes() {
    RuntimeException boom = new RuntimeException("io");
    Coroutine<String> failing = Asyncio.async(() -> {
      Asyncio.await(Asyncio.sleep(1));
      throw boom;
    });
    Object caught = run(Asyncio.greenletSpawn(args -> {
      try {
        Asyncio.awaitOnly(failing);
      } catch (RuntimeException e) {
        return e;
      }
      return null;
    }));
    assertSame(boom, caught);
    loop = new EventLoop(clock);
    RuntimeException escaped = assertThrows(RuntimeException.class, () -> run(Asyncio.greenletSpawn(args -> {
      Future<String> f = Asyncio.getRunningLoop().createFuture();
      Asyncio.getRunningLoop().callSoon(() -> f.setException(boom));
      return Asyncio.awaitOnly(f);
    })));
    assertSame(boom, escaped);
  }

  @Test // SEMANTICS B5
  void cancelWhileParkedInAwaitOnly_cancelledErrorInFnFinallyRuns() {
    List<String> log = new ArrayList<>();
    run(Asyncio.async(() -> {
      Future<String> slow = loop.createFuture();
      Task<Object> t = Asyncio.createTask(Asyncio.greenletSpawn(args -> {
        try {
          return Asyncio.awaitOnly(slow);
        } catch (CancelledError e) {
          log.add("cancelled in fn");
          throw e;
        } finally {
          log.add("finally");
        }
      }));
      Asyncio.await(Asyncio.sleep(0));
      t.cancel();
      assertTrue(slow.cancelled());
      try {
        Asyncio.await(t);
      } catch (CancelledError e) {
        log.add("task cancelled");
      }
      return null;
    }));
    assertEquals(List.of("cancelled in fn", "finally", "task cancelled"), log);
  }

  @Test // SEMANTICS B5
  void cancelWhileParked_fnSwallows_taskContinuesCancellingAboveZero() {
    run(Asyncio.async(() -> {
      Task<Object> t = Asyncio.createTask(Asyncio.greenletSpawn(args -> {
        try {
          Asyncio.awaitOnly(Asyncio.sleep(10));
        } catch (CancelledError e) {
          return "swallowed " + Asyncio.currentTask().cancelling();
        }
        return "slept";
      }));
      Asyncio.await(Asyncio.sleep(0));
      t.cancel();
      assertEquals("swallowed 1", Asyncio.await(t));
      return null;
    }));
  }

  @Test // SEMANTICS B6
  void awaitOnly_outsideSpawn_missingGreenlet_closesCoroutine() {
    Coroutine<Void> c = Asyncio.sleep(1);
    MissingGreenletError e = assertThrows(MissingGreenletError.class, () -> Asyncio.awaitOnly(c));
    assertTrue(e.getMessage().contains("greenlet_spawn has not been called"));
    assertTrue(e.getMessage().contains("Was IO attempted in an unexpected place?"));
    assertTrue(c.isDone());
    AtomicReference<Throwable> inTask = new AtomicReference<>();
    AtomicReference<Throwable> inThread = new AtomicReference<>();
    run(Asyncio.async(() -> {
      try {
        Asyncio.awaitOnly(Asyncio.sleep(0));
      } catch (MissingGreenletError x) {
        inTask.set(x);
      }
      inThread.set(Asyncio.await(Asyncio.toThread(() -> {
        try {
          Asyncio.awaitOnly(loop.createFuture());
          return null;
        } catch (MissingGreenletError x) {
          return x;
        }
      })));
      return null;
    }));
    assertInstanceOf(MissingGreenletError.class, inTask.get());
    assertInstanceOf(MissingGreenletError.class, inThread.get());
  }

  @Test // SEMANTICS B7
  void nestedSpawn_awaitOnlyOfSpawn_worksInSameTask() {
    Object r = run(Asyncio.async(() -> {
      Task<?> me = Asyncio.currentTask();
      return Asyncio.await(Asyncio.greenletSpawn(args -> {
        Object inner = Asyncio.awaitOnly(Asyncio.greenletSpawn(a2 -> {
          assertSame(me, Asyncio.currentTask());
          return fetchDeep(3, "inner");
        }));
        return "outer+" + inner;
      }));
    }));
    assertEquals("outer+inner", r);
  }

  @Test // SEMANTICS B8
  void spawnedGreenlet_sharesTaskContext() {
    run(Asyncio.async(() -> {
      VAR.set("before");
      Asyncio.await(Asyncio.greenletSpawn(args -> {
        assertEquals("before", VAR.get());
        Asyncio.awaitOnly(Asyncio.sleep(1));
        VAR.set("from fn");
        return null;
      }));
      assertEquals("from fn", VAR.get());
      return null;
    }));
  }

  @Test // SEMANTICS B9
  void insideFn_currentTaskLoopAndGreenlet_deadAfter() {
    Greenlet[] spawned = new Greenlet[1];
    run(Asyncio.async(() -> {
      Task<?> me = Asyncio.currentTask();
      Greenlet driver = Greenlet.current();
      Asyncio.await(Asyncio.greenletSpawn(args -> {
        assertSame(me, Asyncio.currentTask());
        assertSame(loop, Asyncio.getRunningLoop());
        spawned[0] = Greenlet.current();
        assertSame(driver, spawned[0].parent());
        Asyncio.awaitOnly(Asyncio.sleep(1));
        assertSame(me, Asyncio.currentTask());
        return null;
      }));
      assertTrue(spawned[0].isDead());
      return null;
    }));
  }

  @Test // SEMANTICS B10
  void severalTasksInSpawn_interleaveOnlyAtAwaitOnly() {
    List<String> log = new ArrayList<>();
    run(Asyncio.async(() -> {
      Task<Object> a = Asyncio.createTask(Asyncio.greenletSpawn(args -> {
        log.add("a1");
        Asyncio.awaitOnly(Asyncio.sleep(1));
        log.add("a2");
        Asyncio.awaitOnly(Asyncio.sleep(2));
        log.add("a3");
        return null;
      }));
      Task<Object> b = Asyncio.createTask(Asyncio.greenletSpawn(args -> {
        log.add("b1");
        Asyncio.awaitOnly(Asyncio.sleep(2));
        log.add("b2");
        return null;
      }));
      Asyncio.await(Asyncio.gather(a, b));
      return null;
    }));
    assertEquals(List.of("a1", "b1", "a2", "b2", "a3"), log);
  }

  @Test // SEMANTICS B11
  void greenletExitEscapingFn_isTheResult() {
    Object r = run(Asyncio.greenletSpawn(args -> {
      throw new GreenletExit("bye");
    }));
    assertInstanceOf(GreenletExit.class, r);
  }

  @Test // SEMANTICS B12 (chosen: await inside fn behaves exactly like awaitOnly)
  void awaitDirectlyInFn_behavesLikeAwaitOnly() {
    Object r = run(Asyncio.async(() -> {
      Task<?> me = Asyncio.currentTask();
      return Asyncio.await(Asyncio.greenletSpawn(args -> {
        String v = Asyncio.await(Asyncio.sleep(1, "via await"));
        Asyncio.await(Asyncio.sleep(0));
        assertSame(me, Asyncio.currentTask());
        return v;
      }));
    }));
    assertEquals("via await", r);
    assertEquals(1.0, loop.time());
  }

  @Test // SEMANTICS B13
  void spawnedGreenlet_switchedFromOtherThread_greenletError() throws Exception {
    Greenlet[] parked = new Greenlet[1];
    AtomicReference<Throwable> failure = new AtomicReference<>();
    run(Asyncio.async(() -> {
      Future<String> release = loop.createFuture();
      Task<Object> t = Asyncio.createTask(Asyncio.greenletSpawn(args -> {
        parked[0] = Greenlet.current();
        return Asyncio.awaitOnly(release);
      }));
      Asyncio.await(Asyncio.sleep(0));
      Asyncio.await(Asyncio.toThread(() -> {
        try {
          Greenlet.current(); // this thread's main greenlet
          new Greenlet(a -> parked[0].switchTo("x")).switchTo();
        } catch (Throwable e) {
          failure.set(e);
        }
        return null;
      }));
      release.setResult("ok");
      assertEquals("ok", Asyncio.await(t));
      return null;
    }));
    assertInstanceOf(GreenletError.class, failure.get());
  }
}

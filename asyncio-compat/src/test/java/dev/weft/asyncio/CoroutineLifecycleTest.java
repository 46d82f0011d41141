package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testing.Gc;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendableCallable;
import dev.weft.generators.Generator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoroutineLifecycleTest extends LoopFixture {

  @Test // SEMANTICS A32, section 9.1
  void neverAwaited_collected_warns() {
    try (LogCapture log = LogCapture.start()) {
      makeAndDrop();
      Gc.untilReported(() -> log.count("was never awaited") > 0);
      List<String> warnings = log.messages();
      assertTrue(warnings.stream().anyMatch(w -> w.contains("coroutine '") && w.contains("was never awaited")), warnings.toString());
      assertTrue(warnings.stream().anyMatch(w -> w.contains(CoroutineLifecycleTest.class.getName())), warnings.toString());
    }
  }

  @Test // SEMANTICS A32: made inside a running loop (watched from the end of that iteration)
  void neverAwaited_madeOnRunningLoop_warns() {
    try (LogCapture log = LogCapture.start()) {
      loop.callSoon(() -> Asyncio.sleep(0));               // a bare-yield coroutine, dropped
      loop.callSoon(CoroutineLifecycleTest::makeAndDrop);  // an ordinary one, dropped
      iterate(1);
      Gc.untilReported(() -> log.count("was never awaited") >= 2);
      List<String> warnings = log.messages();
      assertTrue(warnings.contains("coroutine 'sleep' was never awaited"), warnings.toString());
      assertTrue(warnings.contains("coroutine '" + CoroutineLifecycleTest.class.getName() + ".<lambda>' was never awaited"),
          warnings.toString());
    }
  }

  @Test // SEMANTICS A32: awaited or wrapped in the iteration that made it, nothing is reported
  void awaitedOnRunningLoop_notReported() {
    String markerWarning = "coroutine '" + NeverAwaitedMarker.class.getName() + "' was never awaited";
    // coroutines earlier tests in this JVM dropped on purpose are reported before the capture starts
    Gc.settle();
    try (LogCapture log = LogCapture.start()) {
      assertEquals("done", run(Asyncio.async(() -> {
        for (int i = 0; i < 100; i++) Asyncio.await(Asyncio.sleep(0));
        Asyncio.await(Asyncio.createTask(Asyncio.sleep(0, "x")));
        // Made on the running loop like the others, after them, and dropped: its warning shows that
        // reporting works in this run, so the absence of the others' means something (#13).
        Asyncio.async(new NeverAwaitedMarker());
        return "done";
      })));
      Gc.untilReported(() -> log.count(markerWarning) > 0);
      assertEquals(1, log.count(markerWarning), log.messages().toString());
      Gc.settle(); // the others, collectable before the marker, get more chances still
      List<String> neverAwaited = log.messages().stream().filter(m -> m.contains("was never awaited")).toList();
      assertEquals(List.of(markerWarning), neverAwaited, "only the marker was never awaited");
    }
  }

  /** A coroutine body with a name of its own, so that its warning cannot be taken for another's. */
  private static final class NeverAwaitedMarker implements SuspendableCallable<String> {
    @Override
    public String call() {
      return "never run";
    }
  }

  private static void makeAndDrop() {
    Asyncio.async(() -> "forgotten");
  }

  static String sleepy() throws Suspend {
    Asyncio.await(Asyncio.sleep(0));
    return "slept";
  }

  private static void dropSleepy() {
    Asyncio.async(CoroutineLifecycleTest::sleepy);
  }

  @Test // issue 15: the warning names the method a method reference calls, as __qualname__
  void neverAwaited_methodReference_warnsNamingTheMethod() {
    try (LogCapture log = LogCapture.start()) {
      dropSleepy();
      String warning = "coroutine 'CoroutineLifecycleTest.sleepy' was never awaited";
      assertTrue(Gc.untilReported(() -> log.count(warning) > 0), log.messages().toString());
    }
  }

  @Test // issue 15: so does a task's repr
  void taskRepr_namesTheMethodItsCoroutineCalls() {
    String repr = run(Asyncio.async(() -> {
      Task<String> t = Asyncio.createTask(Asyncio.async(CoroutineLifecycleTest::sleepy), "t1");
      String r = t.toString();
      Asyncio.await(t);
      return r;
    }));
    assertTrue(repr.startsWith("Task[t1 pending Coroutine[CoroutineLifecycleTest.sleepy, "), repr);
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

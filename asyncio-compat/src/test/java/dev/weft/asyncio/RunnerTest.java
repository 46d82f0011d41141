package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.ContextVar;
import dev.weft.continuations.Suspend;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * #18: {@code asyncio.Runner} and {@code shutdown_asyncgens}. The tests named as the scenarios of
 * {@code transcripts/runner.py} must log what CPython 3.11 logged there ({@code runner-3.11.txt}).
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunnerTest {
  static final ContextVar<String> VAR = new ContextVar<>("var", "unset");
  final List<String> log = new CopyOnWriteArrayList<>();

  @AfterEach
  void noLoopLeftSet() {
    Asyncio.setEventLoop(null);
  }

  void assertLogged(String scenario) {
    assertEquals(Transcripts.recorded("runner-3.11.txt", scenario), String.join(" | ", log), scenario);
  }

  static String py(boolean b) {
    return b ? "True" : "False";
  }

  @Test
  void runTwice_sharesLoopAndContext() {
    EventLoop l1, l2;
    try (Runner runner = new Runner()) {
      l1 = runner.run(() -> {
        VAR.set("set by first");
        return Asyncio.getRunningLoop();
      });
      l2 = runner.run(() -> {
        log.add("second sees " + VAR.get());
        return Asyncio.getRunningLoop();
      });
      log.add("same loop: " + py(l1 == l2) + ", is runner loop: " + py(l1 == runner.getLoop()));
      assertSame(l1, EventLoop.SET.get(), "a runner without a factory sets its loop for the thread");
    }
    log.add("outside sees " + VAR.get());
    assertLogged("runTwice_sharesLoopAndContext");
    assertTrue(l1.isClosed());
    assertNull(EventLoop.SET.get());
  }

  @Test
  void close_cancelsLeftTasks_thenClosesAsyncGenerators() {
    AsyncGenerator<Integer, Object> ticker = AsyncGenerator.of(y -> {
      try {
        y.yield(1);
        y.yield(2);
      } finally {
        log.add("agen finally starts");
        Asyncio.await(Asyncio.sleep(0));
        log.add("agen finally ends");
      }
    });
    log.add(Asyncio.run(() -> {
      Asyncio.getRunningLoop().createTask(Asyncio.async(() -> {
        try {
          return Asyncio.await(Asyncio.sleep(3600));
        } catch (CancelledError e) {
          log.add("left task cancelled");
          throw e;
        }
      }));
      log.add("got " + Asyncio.await(ticker.anext()));
      return "main returns";
    }));
    log.add("run returned");
    assertLogged("close_cancelsLeftTasks_thenClosesAsyncGenerators");
  }

  @Test
  void shutdownAsyncgens_failingClose_reportedToHandler() {
    AsyncGenerator<Integer, Object> bad = AsyncGenerator.of(y -> {
      try {
        y.yield(1);
      } finally {
        throw new IllegalArgumentException("boom in finally");
      }
    });
    Asyncio.run(() -> {
      Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> log.add("handler: "
          + ((String) ctx.get("message")).split(" AsyncGenerator\\[")[0] + ": "
          + pyRepr((Throwable) ctx.get("exception")) + ", asyncgen: " + py(ctx.get("asyncgen") == bad)));
      return Asyncio.await(bad.anext());
    });
    assertLogged("shutdownAsyncgens_failingClose_reportedToHandler");
  }

  static String pyRepr(Throwable t) {
    return (t instanceof IllegalArgumentException ? "ValueError" : t.getClass().getSimpleName()) + "('" + t.getMessage() + "')";
  }

  @Test
  void runner_misuse_namesTheRule() {
    Runner runner = new Runner();
    runner.close(); // never initialised: does nothing
    log.add("after early close: " + runner.run(Asyncio.sleep(0, "ran")));
    runner.run(() -> {
      Coroutine<Void> c = Asyncio.sleep(0);
      try {
        runner.run(c);
      } catch (IllegalStateException e) {
        log.add(e.getMessage());
      } finally {
        c.close();
      }
      return null;
    });
    runner.close();
    IllegalStateException closed = assertThrows(IllegalStateException.class, runner::getLoop);
    log.add(closed.getMessage());
    assertLogged("runner_misuse_namesTheRule");
    Coroutine<Void> refused = Asyncio.sleep(0);
    assertThrows(IllegalStateException.class, () -> runner.run(refused), "Runner is closed");
    refused.close();
  }

  @Test
  void loopFactory_makesTheLoop_notSetForTheThread_debugApplied() {
    List<EventLoop> made = new ArrayList<>();
    try (Runner runner = new Runner(true, () -> {
      EventLoop l = VirtualTime.newEventLoop();
      made.add(l);
      return l;
    })) {
      double slept = runner.run(() -> {
        EventLoop l = Asyncio.getRunningLoop();
        double t0 = l.time();
        Asyncio.await(Asyncio.sleep(3600)); // virtual time: no real wait
        return l.time() - t0;
      });
      assertEquals(3600.0, slept, 1e-6);
      assertSame(made.get(0), runner.getLoop());
      assertTrue(runner.getLoop().getDebug());
      assertNotSame(made.get(0), EventLoop.SET.get());
    }
    assertEquals(1, made.size());
    assertTrue(made.get(0).isClosed());
  }

  @Test
  void loopFactory_returningNull_refused() {
    Runner runner = new Runner(null, () -> null);
    NullPointerException e = assertThrows(NullPointerException.class, runner::getLoop);
    assertTrue(e.getMessage().contains("the loop factory returned null"), e.getMessage());
  }

  /** An unfinished generator made and dropped inside {@code run}: its frame is gone when this returns. */
  WeakReference<AsyncGenerator<Integer, Object>> startAndDrop() throws Suspend {
    AsyncGenerator<Integer, Object> g = AsyncGenerator.of(y -> {
      try {
        y.yield(1);
        y.yield(2);
      } finally {
        Asyncio.await(Asyncio.sleep(0)); // the finalizer's close may await
        log.add("finalized on " + Thread.currentThread().getName());
      }
    });
    Asyncio.await(g.anext());
    return new WeakReference<>(g);
  }

  @Test
  void collectedUnfinished_isClosedByATaskOnItsLoop() {
    String loopThread = Thread.currentThread().getName();
    Asyncio.run(() -> {
      WeakReference<AsyncGenerator<Integer, Object>> ref = startAndDrop();
      // The collector finds it when it finds it (SEMANTICS 9.1): force collections, yielding to the loop between them.
      for (int i = 0; i < 500 && log.isEmpty(); i++) {
        System.gc();
        Asyncio.await(Asyncio.sleep(0.01));
      }
      assertNull(ref.get());
      return null;
    });
    assertEquals(List.of("finalized on " + loopThread), log);
  }
}

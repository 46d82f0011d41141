package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventLoopLifecycleTest extends LoopFixture {

  @Test // SEMANTICS A7
  void callSoonThreadsafe_fromOtherThread_wakesBlockedLoop() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    loop.callSoon(started::countDown);
    Thread other = new Thread(() -> {
      try {
        started.await();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      loop.callSoonThreadsafe(() -> steps.expect(1));
      loop.callSoonThreadsafe(() -> steps.expect(2));
      loop.callSoonThreadsafe(loop::stop);
    });
    other.start();
    loop.runForever(); // blocks in the selector: no timers, nothing ready
    other.join();
    steps.finish(3);
  }

  @Test // SEMANTICS A7
  void callSoonThreadsafe_whileWaitingForTimer_wakesLoop() throws Exception {
    try (EventLoop real = Asyncio.newEventLoop()) {
      real.callLater(3600, steps::expectUnreached);
      real.callSoon(() -> new Thread(() -> real.callSoonThreadsafe(real::stop)).start());
      real.runForever();
    }
  }

  @Test // SEMANTICS A8
  void debugMode_callSoonFromOtherThread_throws() throws Exception {
    loop.setDebug(true);
    assertTrue(loop.getDebug());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    loop.callSoon(() -> {
      Thread t = new Thread(() -> {
        try {
          loop.callSoon(() -> { });
        } catch (Throwable e) {
          failure.set(e);
        }
        done.countDown();
        loop.callSoonThreadsafe(loop::stop);
      });
      t.start();
    });
    loop.runForever();
    done.await();
    assertTrue(failure.get() instanceof IllegalStateException);
    assertTrue(failure.get().getMessage().contains("Non-thread-safe operation invoked on an event loop other than the current one"));
  }

  @Test // SEMANTICS A9
  void exceptionInCallback_goesToHandler_loopKeepsRunning() {
    RuntimeException boom = new RuntimeException("boom");
    Handle h = loop.callSoon(() -> { throw boom; });
    loop.callSoon(() -> steps.expect(1));
    iterate(1);
    steps.finish(2);
    assertEquals(1, reports.size());
    Map<String, Object> ctx = reports.get(0);
    assertTrue(ctx.get("message").toString().startsWith("Exception in callback"));
    assertSame(boom, ctx.get("exception"));
    assertSame(h, ctx.get("handle"));
  }

  @Test // SEMANTICS A9
  void virtualMachineErrorInCallback_leavesRunForever() {
    StackOverflowError fatal = new StackOverflowError("test");
    loop.callSoon(() -> { throw fatal; });
    StackOverflowError thrown = assertThrows(StackOverflowError.class, loop::runForever);
    assertSame(fatal, thrown);
    assertFalse(loop.isRunning());
  }

  @Test // SEMANTICS A10
  void exceptionHandlerThatThrows_reportedByDefaultHandler_loopGoesOn() {
    loop.setExceptionHandler((l, ctx) -> { throw new IllegalStateException("handler broke"); });
    loop.callSoon(() -> { throw new RuntimeException("callback broke"); });
    loop.callSoon(() -> steps.expect(1));
    iterate(1);
    steps.finish(2);
  }

  @Test // SEMANTICS A10
  void exceptionHandlerNull_restoresDefault_callExceptionHandlerWorks() {
    loop.setExceptionHandler(null);
    loop.callExceptionHandler(Map.of("message", "logged by the default handler (expected in test output)"));
    loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
    loop.callExceptionHandler(Map.of("message", "m"));
    assertEquals("m", reports.get(0).get("message"));
  }

  @Test // SEMANTICS A11
  void stop_whileRunning_finishesIterationKeepsLaterCallbacks() {
    List<String> ran = new ArrayList<>();
    loop.callSoon(() -> {
      ran.add("a");
      loop.stop();
      loop.callSoon(() -> ran.add("later"));
    });
    loop.callSoon(() -> ran.add("b"));
    loop.runForever();
    assertEquals(List.of("a", "b"), ran);
    loop.callSoon(loop::stop);
    loop.runForever();
    assertEquals(List.of("a", "b", "later"), ran);
  }

  @Test // SEMANTICS A12
  void stop_beforeRunForever_runsOneIterationAndReturns() {
    loop.callSoon(() -> {
      steps.expect(1);
      loop.callSoon(() -> steps.expect(3));
    });
    loop.stop();
    loop.runForever();
    steps.expect(2);
    loop.stop();
    loop.runForever();
    steps.finish(4);
  }

  @Test // SEMANTICS A12
  void stop_beforeRunForever_pollsWithoutWaitingForTimers() {
    loop.callLater(100, steps::expectUnreached);
    loop.stop();
    loop.runForever();
    assertEquals(0.0, loop.time());
  }

  @Test // SEMANTICS A14
  void runForever_whileRunning_throwsAlreadyRunning() {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    loop.callSoon(() -> {
      try {
        loop.runForever();
      } catch (IllegalStateException e) {
        failure.set(e);
      }
      loop.stop();
    });
    loop.runForever();
    assertTrue(failure.get().getMessage().contains("This event loop is already running"));
  }

  @Test // SEMANTICS A14
  void runForever_otherLoopRunningOnThread_throws() {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (EventLoop other = new EventLoop(clock)) {
      loop.callSoon(() -> {
        try {
          other.runForever();
        } catch (IllegalStateException e) {
          failure.set(e);
        }
        loop.stop();
      });
      loop.runForever();
    }
    assertTrue(failure.get().getMessage().contains("Cannot run the event loop while another loop is running"));
  }

  @Test // SEMANTICS A15
  void close_whileRunning_throws() {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    loop.callSoon(() -> {
      try {
        loop.close();
      } catch (IllegalStateException e) {
        failure.set(e);
      }
      loop.stop();
    });
    loop.runForever();
    assertTrue(failure.get().getMessage().contains("Cannot close a running event loop"));
    assertFalse(loop.isClosed());
  }

  @Test // SEMANTICS A16
  void close_stoppedLoop_dropsPendingAndIsIdempotent() {
    loop.callSoon(steps::expectUnreached);
    loop.callLater(1, steps::expectUnreached);
    loop.close();
    loop.close();
    assertTrue(loop.isClosed());
  }

  @Test // SEMANTICS A16
  void closedLoop_schedulingAndRunning_throwEventLoopIsClosed() {
    loop.close();
    for (Runnable r : List.<Runnable>of(
        () -> loop.callSoon(() -> { }),
        () -> loop.callLater(1, () -> { }),
        () -> loop.callAt(1, () -> { }),
        () -> loop.callSoonThreadsafe(() -> { }),
        loop::runForever)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, r::run);
      assertTrue(e.getMessage().contains("Event loop is closed"));
    }
  }
}

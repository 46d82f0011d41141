package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLoopSchedulingTest extends LoopFixture {

  @Test // SEMANTICS A1
  void callSoon_severalCallbacks_runFifoEachOnce() {
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      loop.callSoon(() -> ran.add(n));
    }
    loop.callSoon(loop::stop);
    loop.runForever();
    loop.callSoon(loop::stop);
    loop.runForever();
    assertEquals(List.of(0, 1, 2, 3, 4), ran);
  }

  @Test // SEMANTICS A1
  void callSoon_onLoopThreadWithEmptyQueue_neverRunsInline() {
    loop.callSoon(() -> {
      steps.expect(1);
      loop.callSoon(() -> steps.expect(3));
      steps.expect(2);
      loop.callSoon(loop::stop);
    });
    loop.runForever();
    steps.finish(4);
  }

  @Test // SEMANTICS A2
  void runOnce_callbackScheduledDuringIteration_runsInNextIteration() {
    List<String> ran = new ArrayList<>();
    loop.callSoon(() -> {
      ran.add("a");
      loop.callSoon(() -> ran.add("c"));
    });
    loop.callSoon(() -> ran.add("b"));
    loop.runOnce();
    assertEquals(List.of("a", "b"), ran);
    loop.runOnce();
    assertEquals(List.of("a", "b", "c"), ran);
  }

  @Test // SEMANTICS A3
  void callLater_dueTimers_runInDeadlineOrderBehindReadyCallbacks() {
    List<String> ran = new ArrayList<>();
    loop.callLater(2, () -> ran.add("t2"));
    loop.callLater(1, () -> ran.add("t1"));
    loop.callSoon(() -> ran.add("ready"));
    clock.advance(5);
    loop.runOnce();
    assertEquals(List.of("ready", "t1", "t2"), ran);
  }

  @Test // SEMANTICS A3, section 9.9
  void callAt_equalDeadlines_runInSchedulingOrder() {
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int n = i;
      loop.callAt(3.0, () -> ran.add(n));
    }
    loop.callAt(3.0, loop::stop);
    loop.runForever();
    assertEquals(20, ran.size());
    for (int i = 0; i < 20; i++) assertEquals(i, ran.get(i));
  }

  @Test // SEMANTICS A3
  void callLater_notYetDue_waitsForVirtualTime() {
    List<Double> at = new ArrayList<>();
    loop.callLater(10, () -> {
      at.add(loop.time());
      loop.stop();
    });
    loop.runForever();
    assertEquals(List.of(10.0), at);
  }

  @Test // SEMANTICS A4
  void callSoonCallLaterZeroCallSoon_insideCallback_runACThenB() {
    List<String> ran = new ArrayList<>();
    loop.callSoon(() -> {
      loop.callSoon(() -> ran.add("a"));
      loop.callLater(0, () -> ran.add("b"));
      loop.callSoon(() -> ran.add("c"));
    });
    loop.runOnce();
    loop.runOnce();
    assertEquals(List.of("a", "c", "b"), ran);
  }

  @Test // SEMANTICS A4 (order against CPython: CPythonCornersTest)
  void callLater_negativeDelay_keptAsPastDeadline() {
    clock.advance(10);
    TimerHandle t = loop.callLater(-5, () -> steps.expect(1));
    assertEquals(loop.time() - 5, t.when());
    loop.runOnce();
    steps.finish(2);
  }

  @Test // SEMANTICS A5
  void handleCancel_beforeRun_preventsCallbackAndIsIdempotent() {
    Handle h = loop.callSoon(steps::expectUnreached);
    TimerHandle t = loop.callLater(1, steps::expectUnreached);
    h.cancel();
    h.cancel();
    t.cancel();
    t.cancel();
    assertTrue(h.cancelled());
    assertTrue(t.cancelled());
    loop.callLater(2, loop::stop);
    loop.runForever();
  }

  @Test // SEMANTICS A5
  void handleCancel_afterRun_doesNothing() {
    Handle h = loop.callSoon(() -> steps.expect(1));
    loop.runOnce();
    h.cancel();
    steps.finish(2);
  }

  @Test // SEMANTICS A5
  void timerHandleWhen_isAbsoluteLoopTime() {
    clock.advance(100);
    TimerHandle t = loop.callLater(2.5, () -> { });
    assertEquals(102.5, t.when());
  }

  @Test // SEMANTICS A5
  void manyCancelledTimers_purged_othersStillRunInOrder() {
    List<Integer> ran = new ArrayList<>();
    List<TimerHandle> handles = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      int n = i;
      handles.add(loop.callLater(i, () -> ran.add(n)));
    }
    for (int i = 0; i < 300; i++) if (i % 3 != 0) handles.get(i).cancel();
    loop.callLater(400, loop::stop);
    loop.runForever();
    assertEquals(100, ran.size());
    for (int i = 0; i < 100; i++) assertEquals(3 * i, ran.get(i));
  }

  @Test // SEMANTICS A6
  void time_systemClock_neverDecreases() {
    try (EventLoop real = Asyncio.newEventLoop()) {
      double previous = real.time();
      for (int i = 0; i < 1000; i++) {
        double now = real.time();
        assertTrue(now >= previous);
        previous = now;
      }
    }
  }

  @Test // SEMANTICS A6
  void callAt_usesLoopClock_notWallTime() {
    clock.advance(7);
    List<Double> at = new ArrayList<>();
    loop.callAt(9, () -> {
      at.add(loop.time());
      loop.stop();
    });
    loop.runForever();
    assertEquals(List.of(9.0), at);
  }

  @Test // SEMANTICS A17
  void getRunningLoop_outsideLoop_throwsNoRunningEventLoop() {
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, Asyncio::getRunningLoop);
    assertTrue(e.getMessage().contains("no running event loop"));
  }

  @Test // SEMANTICS A17
  void getRunningLoop_insideCallback_isTheLoop() {
    List<EventLoop> seen = new ArrayList<>();
    loop.callSoon(() -> seen.add(Asyncio.getRunningLoop()));
    iterate(1);
    assertSame(loop, seen.get(0));
    assertFalse(loop.isRunning());
  }

  @Test // SEMANTICS A18
  void getEventLoop_noneSet_createsAndSetsOne() {
    Asyncio.setEventLoop(null);
    EventLoop first = Asyncio.getEventLoop();
    assertSame(first, Asyncio.getEventLoop());
    first.close();
  }

  @Test // SEMANTICS A18
  void getEventLoop_setLoopOrRunningLoop_returnsIt() {
    Asyncio.setEventLoop(loop);
    assertSame(loop, Asyncio.getEventLoop());
    try (EventLoop other = new EventLoop(clock)) {
      List<EventLoop> seen = new ArrayList<>();
      other.callSoon(() -> seen.add(Asyncio.getEventLoop()));
      other.callSoon(other::stop);
      other.runForever();
      assertSame(other, seen.get(0));
    }
  }

  @Test // SEMANTICS A18
  void newEventLoop_neitherSetsNorStarts() {
    Asyncio.setEventLoop(loop);
    try (EventLoop fresh = Asyncio.newEventLoop()) {
      assertFalse(fresh.isRunning());
      assertSame(loop, Asyncio.getEventLoop());
    }
  }
}

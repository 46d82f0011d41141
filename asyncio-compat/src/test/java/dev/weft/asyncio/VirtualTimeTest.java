package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The public virtual-time loop. Each test would take an hour or more on real time: the timeout
 * of a few seconds is what fails if the clock ever waits for real.
 */
@Timeout(value = 5, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VirtualTimeTest {

  @AfterEach
  void noLoopLeftBehind() {
    assertNull(EventLoop.running());
  }

  @Test
  void waitFor_hourTimeout_firesAtExactlyThatTime() {
    double[] at = new double[2];
    String outcome = VirtualTime.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      at[0] = loop.time();
      Future<String> never = loop.createFuture();
      try {
        return Asyncio.await(Asyncio.waitFor(never, 3600.0));
      } catch (TimeoutError e) {
        at[1] = loop.time();
        return never.cancelled() ? "timed out, inner cancelled" : "timed out";
      }
    });
    assertEquals("timed out, inner cancelled", outcome);
    assertEquals(0.0, at[0]);
    assertEquals(3600.0, at[1]);
  }

  @Test
  void sleepsAndCallLater_runInDeadlineOrder_atExactTimes() {
    List<String> log = new ArrayList<>();
    VirtualTime.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      loop.callLater(7200, () -> log.add("callLater@" + loop.time()));
      List<Task<Void>> sleepers = new ArrayList<>();
      for (int seconds : new int[] {3, 1, 2}) {
        sleepers.add(Asyncio.createTask(Asyncio.async(() -> {
          Asyncio.await(Asyncio.sleep(seconds * 600));
          log.add("slept " + seconds * 600 + "@" + loop.time());
          return null;
        })));
      }
      Asyncio.await(Asyncio.gather(sleepers.toArray(new Awaitable<?>[0])));
      Asyncio.await(Asyncio.sleep(2 * 86400)); // longer than the loop's longest single wait
      log.add("main@" + loop.time());
      return null;
    });
    assertEquals(List.of("slept 600@600.0", "slept 1200@1200.0", "slept 1800@1800.0", "callLater@7200.0", "main@174600.0"), log);
  }

  /** A job on another thread holds the clock: the timeout must not overtake the job's result. */
  @Test
  void toThread_underTimeout_clockStillUntilResultArrives() {
    double[] at = new double[1];
    String result = VirtualTime.run(() -> {
      String r = Asyncio.await(Asyncio.waitFor(Asyncio.toThread(() -> {
        Thread.sleep(50); // real time passes on the worker; virtual time must not
        return "computed";
      }), 1.0));
      at[0] = Asyncio.getRunningLoop().time();
      return r;
    });
    assertEquals("computed", result);
    assertEquals(0.0, at[0]);
  }

  @Test
  void newEventLoop_startsAtZero_runUntilCompleteSkipsAhead() {
    try (EventLoop loop = VirtualTime.newEventLoop()) {
      assertEquals(0.0, loop.time());
      loop.runUntilComplete(Asyncio.sleep(10));
      assertEquals(10.0, loop.time());
      TimerHandle late = loop.callLater(90, loop::stop);
      loop.runForever();
      assertEquals(100.0, loop.time());
      assertTrue(late.when() == 100.0);
    }
  }
}

package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code sleep(seconds)} awaited in a task waits on its timer alone ({@link SleepTimer}): no
 * future, no frame of the sleep's. What CPython's sleep future decides must still come out the
 * same: the result, the order against other timers, which cancel's message the body sees, and
 * that a stopped sleep leaves no timer behind.
 */
class SleepInTaskTest extends LoopFixture {
  @Test
  void sleepInATask_returnsItsResultAfterItsTime() {
    double[] woke = new double[1];
    String r = run(Asyncio.async(() -> {
      String s = Asyncio.await(Asyncio.sleep(2.5, "done"));
      woke[0] = loop.time();
      return s;
    }));
    assertEquals("done", r);
    assertEquals(2.5, woke[0]);
  }

  @Test // as CPython: the sleep's timer completes its future; the task resumes in the next iteration
  void timerDueWithTheSleep_runsBeforeTheSleepingTaskResumes() {
    List<String> order = new ArrayList<>();
    run(Asyncio.async(() -> {
      Task<?> sleeper = Asyncio.createTask(Asyncio.async(() -> {
        Asyncio.await(Asyncio.sleep(1));
        order.add("sleeper");
        return null;
      }));
      Asyncio.await(Asyncio.sleep(0)); // the sleeper's timer is scheduled first
      loop.callAt(loop.time() + 1, () -> order.add("timer"));
      Asyncio.await(sleeper);
      return null;
    }));
    assertEquals(List.of("timer", "sleeper"), order);
  }

  @Test // CPython: the first cancel cancels the sleep future, whose CancelledError carries its message
  void twoCancelsOfASleepingTask_theFirstMessageReachesTheBody() {
    String seen = run(Asyncio.async(() -> {
      Task<String> t = Asyncio.createTask(sleeperSeeingItsCancel(3600));
      Asyncio.await(Asyncio.sleep(0));
      assertTrue(t.cancel("first"));
      assertTrue(t.cancel("second"));
      return Asyncio.await(t);
    }));
    assertEquals("first", seen);
  }

  @Test // CPython: the sleep future is done, so the cancel waits for the step: the latest message
  void cancelAfterTheSleepEndedBeforeTheTaskResumed_isThrownAtTheAwait() {
    String seen = run(Asyncio.async(() -> {
      Task<String> t = Asyncio.createTask(sleeperSeeingItsCancel(1));
      Asyncio.await(Asyncio.sleep(0));
      loop.callAt(loop.time() + 1, () -> { // after the sleep's timer ran, before the task's step
        assertTrue(t.cancel("late"));
        assertTrue(t.cancel("later"));
      });
      return Asyncio.await(t);
    }));
    assertEquals("later", seen);
  }

  @Test // CPython: a due timer not run yet has not completed the sleep future, so the cancel still cancels it
  void cancelWhileTheSleepsTimerIsDueButNotRun_stopsTheSleepWithItsMessage() {
    String seen = run(Asyncio.async(() -> {
      Task<String>[] t = new Task[1];
      loop.callAt(loop.time() + 1, () -> { // due with the sleep below, and ahead of it
        assertTrue(t[0].cancel("first"));
        assertTrue(t[0].cancel("second"));
      });
      t[0] = Asyncio.createTask(sleeperSeeingItsCancel(1));
      return Asyncio.await(t[0]);
    }));
    assertEquals("first", seen);
  }

  @Test
  void cancelledSleep_leavesNoTimerThatWouldKeepTheLoopWaiting() {
    run(Asyncio.async(() -> {
      Task<?> t = Asyncio.createTask(Asyncio.sleep(3600)); // the task's own coroutine is the sleep
      Task<?> u = Asyncio.createTask(Asyncio.async(() -> Asyncio.await(Asyncio.sleep(3600))));
      Asyncio.await(Asyncio.sleep(0));
      t.cancel();
      u.cancel();
      assertEquals("cancelled", outcome(t));
      assertEquals("cancelled", outcome(u));
      return null;
    }));
    assertTrue(loop.time() < 1, "the loop waited for a cancelled sleep: " + loop.time());
  }

  @Test
  void cancelBeforeTheSleepIsAwaited_cancelsAtTheSleep() {
    boolean[] reachedSleep = new boolean[1];
    run(Asyncio.async(() -> {
      Task<?> t = Asyncio.createTask(Asyncio.async(() -> {
        Asyncio.await(Asyncio.sleep(0));
        reachedSleep[0] = true;
        Asyncio.await(Asyncio.sleep(3600));
        return null;
      }));
      Asyncio.await(Asyncio.sleep(0)); // t waits in its sleep(0)
      t.cancel("now");
      assertEquals("cancelled: now", outcome(t));
      return null;
    }));
    assertFalse(reachedSleep[0], "the cancel is thrown at the await where the task waits");
    assertTrue(loop.time() < 1, String.valueOf(loop.time()));
  }

  @Test
  void sleepingTask_showsItsOwnFrameAndItsDeadline() {
    run(Asyncio.async(() -> {
      Task<?> t = Asyncio.createTask(Asyncio.async(() -> {
        napFor(7);
        return null;
      }));
      Asyncio.await(Asyncio.sleep(0));
      List<StackTraceElement> stack = t.getStack();
      assertEquals("napFor", stack.get(0).getMethodName(), stack.toString());
      assertEquals(7.0, t.sleepingUntil());
      assertTrue(Asyncio.dumpTasks().contains("sleeping until loop time 7.0"), Asyncio.dumpTasks());
      t.cancel();
      return null;
    }));
  }

  /* Sleeps, and returns "slept", or the message of the CancelledError the sleep threw. */
  static Coroutine<String> sleeperSeeingItsCancel(double seconds) {
    return Asyncio.async(() -> {
      try {
        Asyncio.await(Asyncio.sleep(seconds));
        return "slept";
      } catch (CancelledError e) {
        return e.getMessage();
      }
    });
  }

  /* How awaiting t ends (an await cannot run in assertThrows' lambda, which is not suspendable). */
  static String outcome(Task<?> t) throws dev.weft.continuations.Suspend {
    try {
      return "result " + Asyncio.await(t);
    } catch (CancelledError e) {
      return e.getMessage() == null ? "cancelled" : "cancelled: " + e.getMessage();
    }
  }

  static void napFor(double seconds) throws dev.weft.continuations.Suspend {
    Asyncio.await(Asyncio.sleep(seconds));
  }

  @Test // issue 17: a sleeping task holds its timer, not the coroutine of a sleep that returns null
  void sleepingTask_keepsNoReferenceToItsPlainSleepsCoroutine() {
    List<WeakReference<Coroutine<Void>>> sleeps = new ArrayList<>();
    run(Asyncio.async(() -> {
      Task<?> sleeper = Asyncio.createTask(Asyncio.async(() -> {
        Coroutine<Void> nap = Asyncio.sleep(5);
        sleeps.add(new WeakReference<>(nap));
        Asyncio.await(nap);
        return null;
      }));
      Asyncio.await(Asyncio.sleep(0)); // the sleeper is asleep
      // ...and the iterations around that are over: a loop holds the coroutines made in an
      // iteration until it ends, to watch those left unawaited
      Asyncio.await(Asyncio.sleep(0));
      Asyncio.await(Asyncio.sleep(0));
      for (int i = 0; i < 20 && sleeps.get(0).get() != null; i++) System.gc();
      assertNull(sleeps.get(0).get(), "the sleeping task still reaches its sleep's coroutine");
      assertFalse(sleeper.done());
      Asyncio.await(sleeper);
      assertEquals(5.0, loop.time());
      return null;
    }));
  }

  @Test // SEMANTICS A31, with the sleep's state read from its timer: being awaited while it runs, used up after
  void sharedSleep_isBeingAwaitedWhileItRuns_andUsedUpOnceItIsOver() {
    List<String> seen = new ArrayList<>();
    run(Asyncio.async(() -> {
      Coroutine<Void> shared = Asyncio.sleep(1);
      Task<?> first = taskAwaiting(shared);
      Asyncio.await(Asyncio.sleep(0));
      seen.add(shared.toString());
      seen.add(assertThrows(IllegalStateException.class, () -> Asyncio.createTask(shared)).getMessage());
      Asyncio.await(first);
      seen.add(shared.toString());
      seen.add(assertThrows(IllegalStateException.class, () -> Asyncio.createTask(shared)).getMessage());
      return null;
    }));
    assertEquals(List.of("Coroutine[sleep, running]", "coroutine is being awaited already (sleep)",
        "Coroutine[sleep, done]", "cannot reuse already awaited coroutine (sleep)"), seen);
  }

  @Test // as CPython: cancelling the task stops the sleep, whose coroutine ends when the step throws into it
  void cancelledSleepingTask_itsSleepRunsUntilTheTasksStep_thenIsDone() {
    List<String> seen = new ArrayList<>();
    run(Asyncio.async(() -> {
      Coroutine<Void> nap = Asyncio.sleep(3600);
      Task<?> t = taskAwaiting(nap);
      Asyncio.await(Asyncio.sleep(0));
      t.cancel();
      seen.add(nap.toString());
      try {
        Asyncio.await(t);
      } catch (CancelledError expected) {
        seen.add("cancelled");
      }
      seen.add(nap.toString());
      return null;
    }));
    assertEquals(List.of("Coroutine[sleep, running]", "cancelled", "Coroutine[sleep, done]"), seen);
  }

  /* A task whose body awaits {@code sleep} and returns. */
  private static Task<?> taskAwaiting(Coroutine<Void> sleep) {
    return Asyncio.createTask(Asyncio.async(() -> {
      Asyncio.await(sleep);
      return null;
    }));
  }

  private static final Object LOCK = new Object();

  static void napInsideMonitor(Coroutine<Void> nap) throws dev.weft.continuations.Suspend {
    synchronized (LOCK) {
      Asyncio.await(nap);
    }
  }

  @Test // the refused sleep is finished where it was refused, as a refused sleep(0) is
  void timedSleepRefusedInsideSynchronized_isUsedUp() {
    List<String> seen = new ArrayList<>();
    run(Asyncio.async(() -> {
      Coroutine<Void> nap = Asyncio.sleep(3600);
      dev.weft.continuations.SuspendException refused =
          assertThrows(dev.weft.continuations.SuspendException.class, () -> napInsideMonitor(nap));
      seen.add(String.valueOf(refused.getMessage().contains("synchronized")));
      seen.add(nap.toString());
      seen.add(assertThrows(IllegalStateException.class, () -> Asyncio.createTask(nap)).getMessage());
      return null;
    }));
    assertEquals(List.of("true", "Coroutine[sleep, done]", "cannot reuse already awaited coroutine (sleep)"), seen);
  }
}

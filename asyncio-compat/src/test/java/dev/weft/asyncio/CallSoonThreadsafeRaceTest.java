package dev.weft.asyncio;

import dev.weft.testing.Latches;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testing.Stress;
import dev.weft.asyncio.internal.loop.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #9, thread safety of {@link EventLoop#callSoonThreadsafe} (SEMANTICS A7), as a stress
 * test in place of jcstress: callbacks from many threads each run exactly once, each thread's in
 * its own order, and a call always wakes a loop that is blocked waiting. A lost wake-up hangs,
 * which the class timeout turns into a failure. {@code -Dweft.stress=N} multiplies the counts.
 *
 * <p>Each way a race can go must happen, often (issue #13): a call that finds the loop busy, and
 * one that must wake it from its wait. The loop's clock ({@link WaitCountingClock}) tells when the
 * loop decided to wait, and parts of each test are steered to each side.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CallSoonThreadsafeRaceTest {
  static final int SCALE = Stress.MULTIPLIER;

  final WaitCountingClock clock = new WaitCountingClock();
  final EventLoop loop = new EventLoop(clock);

  /**
   * A clock that stands still and counts the loop's waits: with a timer pending that never comes
   * due, the loop asks {@link #skip} exactly when it found nothing ready and is about to block.
   */
  static final class WaitCountingClock implements Clock {
    private final AtomicInteger waits = new AtomicInteger();

    @Override
    public double time() {
      return 0;
    }

    @Override
    public boolean skip(double seconds) {
      waits.incrementAndGet();
      return false; // a real wait, woken only by callSoonThreadsafe
    }

    @Override
    public double resolution() {
      return 1e-9;
    }

    int waits() {
      return waits.get();
    }
  }

  @BeforeEach
  void keepWaitsVisible() {
    loop.callLater(1e6, () -> { throw new AssertionError("the clock stands still"); });
  }

  @AfterEach
  void close() {
    loop.close(); // idempotent
  }

  @Test
  void manyThreads_everyCallbackOnce_eachThreadsInOrder() throws Exception {
    int threads = 4;
    int perThread = 100_000 * SCALE;
    int[] next = new int[threads]; // the loop thread's alone: callbacks only run there
    int[] total = {0};
    int[] lastWaits = {0};
    RaceRecord record = new RaceRecord();
    List<String> errors = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger posted = new AtomicInteger();
    AtomicInteger waitsAtLastRun = new AtomicInteger();
    // Halfway, every producer stops until the loop has drained their calls and waits: then at
    // least one call must wake it.
    CyclicBarrier half = new CyclicBarrier(threads);
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int self = t;
      producers.add(new Thread(() -> {
        Latches.await(go);
        for (int i = 0; i < perThread; i++) {
          if (i == perThread / 2) {
            awaitBarrier(half);
            RaceRecord.spinUntil(() -> clock.waits() > waitsAtLastRun.get());
          }
          int seq = i;
          loop.callSoonThreadsafe(() -> {
            if (next[self] != seq) errors.add("thread " + self + ": ran " + seq + " when " + next[self] + " was due");
            next[self] = seq + 1;
            int w = clock.waits();
            record.tally(w > lastWaits[0] ? WOKEN : FOUND_BUSY);
            lastWaits[0] = w;
            waitsAtLastRun.set(w);
            if (++total[0] == threads * perThread) loop.stop();
          });
          posted.incrementAndGet();
          if ((i & 1023) == 0) Thread.yield(); // let the loop drain and block in between
        }
      }, "producer-" + t));
    }
    producers.forEach(Thread::start);
    loop.callSoon(() -> {
      go.countDown();
      // The loop stays busy until two calls are queued: the second finds it without a wait.
      RaceRecord.spinUntil(() -> posted.get() >= 2);
    });
    loop.runForever();
    for (Thread p : producers) p.join();
    record.assertEachAtLeast(1, WOKEN, FOUND_BUSY);
    assertEquals(List.of(), errors.subList(0, Math.min(10, errors.size())));
    int[] expected = new int[threads];
    Arrays.fill(expected, perThread);
    assertArrayEquals(expected, next);
    assertEquals(threads * perThread, total[0]);
  }

  static final String WOKEN = "woke the loop from its wait";
  static final String FOUND_BUSY = "queued while the loop was busy";

  @Test
  void pingPong_eachCallWakesTheBlockedLoop() throws Exception {
    int rounds = 20_000 * SCALE;
    Semaphore ran = new Semaphore(0);
    RaceRecord record = new RaceRecord();
    int[] count = {0};
    int[] lastWaits = {0};
    AtomicInteger posted = new AtomicInteger(-1);
    AtomicInteger waitsAtLastRun = new AtomicInteger();
    // Round r % 4 == 0 waits until the loop is about to block before calling; r % 4 == 1 keeps the
    // loop busy in the previous callback until the call is queued; the others run free.
    Thread other = new Thread(() -> {
      for (int r = 0; r < rounds; r++) {
        if (r % 4 == 0) {
          RaceRecord.spinUntil(() -> clock.waits() > waitsAtLastRun.get());
        } else if ((r & 15) == 2) {
          LockSupport.parkNanos(20_000); // gives the idle loop time to reach its blocking wait first
        }
        int round = r;
        loop.callSoonThreadsafe(() -> {
          count[0]++;
          int w = clock.waits();
          record.tally(w > lastWaits[0] ? WOKEN : FOUND_BUSY);
          lastWaits[0] = w;
          waitsAtLastRun.set(w);
          ran.release();
          if ((round + 1) % 4 == 1) RaceRecord.spinUntil(() -> posted.get() > round);
        });
        posted.set(r);
        ran.acquireUninterruptibly(); // the loop has nothing else to do: only the wake-up gets it there
      }
      loop.callSoonThreadsafe(loop::stop);
    }, "pinger");
    other.start();
    loop.runForever();
    other.join();
    assertEquals(rounds, count[0]);
    record.assertEachAtLeast(rounds / 4, WOKEN, FOUND_BUSY); // each side steered in a quarter of the rounds
  }

  @Test // SEMANTICS A16: a call racing with close() is refused or dropped, never run after it
  void manyThreads_racingWithClose_refusedWithMessageOrRunBeforeClose() throws Exception {
    int threads = 3;
    boolean[] closed = {false};
    int[] ranAfterClose = {0};
    int[] ran = {0};
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      producers.add(new Thread(() -> {
        try {
          for (;;) {
            loop.callSoonThreadsafe(() -> {
              if (closed[0]) ranAfterClose[0]++;
              if (++ran[0] == 10_000 * SCALE) loop.stop();
            });
            accepted.incrementAndGet();
          }
        } catch (IllegalStateException e) {
          if ("Event loop is closed".equals(e.getMessage())) refused.incrementAndGet();
          else unexpected.add(e);
        } catch (Throwable e) {
          unexpected.add(e);
        }
      }, "closer-race-" + t));
    }
    producers.forEach(Thread::start);
    loop.runForever();
    // Calls accepted now can no longer run: close() must drop them. A producer counts a call only
    // after callSoonThreadsafe returns, so a call that already ran may not be counted yet: wait until
    // the count passes what ran, not what was counted at the stop.
    int ranAtStop = ran[0];
    RaceRecord.spinUntil(() -> accepted.get() > ranAtStop);
    closed[0] = true;
    loop.close(); // the producers are still calling: each call from now on must be refused
    for (Thread p : producers) p.join();
    assertEquals(List.of(), unexpected);
    assertEquals(0, ranAfterClose[0]);
    assertEquals(threads, refused.get(), "every producer ends refused");
    assertTrue(ran[0] >= 10_000 * SCALE, "ran " + ran[0]);
    assertTrue(accepted.get() > ran[0], "no accepted call was left for close() to drop: " + accepted + " accepted, " + ran[0] + " ran");
  }

  private static void awaitBarrier(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (InterruptedException | java.util.concurrent.BrokenBarrierException e) {
      throw new AssertionError(e);
    }
  }
}

package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.asyncio.internal.loop.ManualClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #9, thread safety of {@link EventLoop#callSoonThreadsafe} (SEMANTICS A7), as a stress
 * test in place of jcstress: callbacks from many threads each run exactly once, each thread's in
 * its own order, and a call always wakes a loop that is blocked waiting. A lost wake-up hangs,
 * which the class timeout turns into a failure. {@code -Dweft.stress=N} multiplies the counts.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CallSoonThreadsafeRaceTest {
  static final int SCALE = Integer.getInteger("weft.stress", 1);

  final EventLoop loop = new EventLoop(new ManualClock());

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
    List<String> errors = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int self = t;
      producers.add(new Thread(() -> {
        awaitLatch(go);
        for (int i = 0; i < perThread; i++) {
          int seq = i;
          loop.callSoonThreadsafe(() -> {
            if (next[self] != seq) errors.add("thread " + self + ": ran " + seq + " when " + next[self] + " was due");
            next[self] = seq + 1;
            if (++total[0] == threads * perThread) loop.stop();
          });
          if ((i & 1023) == 0) Thread.yield(); // let the loop drain and block in between
        }
      }, "producer-" + t));
    }
    producers.forEach(Thread::start);
    loop.callSoon(go::countDown);
    loop.runForever();
    for (Thread p : producers) p.join();
    assertEquals(List.of(), errors.subList(0, Math.min(10, errors.size())));
    int[] expected = new int[threads];
    Arrays.fill(expected, perThread);
    assertArrayEquals(expected, next);
    assertEquals(threads * perThread, total[0]);
  }

  @Test
  void pingPong_eachCallWakesTheBlockedLoop() throws Exception {
    int rounds = 20_000 * SCALE;
    Semaphore ran = new Semaphore(0);
    int[] count = {0};
    Thread other = new Thread(() -> {
      for (int i = 0; i < rounds; i++) {
        // Every 16th round, give the idle loop time to reach its blocking select first.
        if ((i & 15) == 0) LockSupport.parkNanos(20_000);
        loop.callSoonThreadsafe(() -> {
          count[0]++;
          ran.release();
        });
        ran.acquireUninterruptibly(); // the loop has nothing else to do: only the wake-up gets it there
      }
      loop.callSoonThreadsafe(loop::stop);
    }, "pinger");
    other.start();
    loop.runForever();
    other.join();
    assertEquals(rounds, count[0]);
  }

  @Test // SEMANTICS A16: a call racing with close() is refused or dropped, never run after it
  void manyThreads_racingWithClose_refusedWithMessageOrRunBeforeClose() throws Exception {
    int threads = 3;
    boolean[] closed = {false};
    int[] ranAfterClose = {0};
    int[] ran = {0};
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
          }
        } catch (IllegalStateException e) {
          if (!"Event loop is closed".equals(e.getMessage())) unexpected.add(e);
        } catch (Throwable e) {
          unexpected.add(e);
        }
      }, "closer-race-" + t));
    }
    producers.forEach(Thread::start);
    loop.runForever();
    closed[0] = true;
    loop.close(); // the producers are still calling: each call from now on must be refused
    for (Thread p : producers) p.join();
    assertEquals(List.of(), unexpected);
    assertEquals(0, ranAfterClose[0]);
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}

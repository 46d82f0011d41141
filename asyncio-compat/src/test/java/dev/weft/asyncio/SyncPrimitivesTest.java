package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncPrimitivesTest extends LoopFixture {

  static Coroutine<Void> holdLock(Lock lock, String name, List<String> log, double seconds) {
    return Asyncio.async(() -> {
      Asyncio.await(lock.acquire());
      log.add(name + " in");
      try {
        Asyncio.await(Asyncio.sleep(seconds));
      } finally {
        log.add(name + " out");
        lock.release();
      }
      return null;
    });
  }

  @Test // SEMANTICS AS1
  void lock_free_takenWithoutYielding_waitersFifo() {
    List<String> log = new ArrayList<>();
    run(Asyncio.async(() -> {
      Lock lock = new Lock();
      loop.callSoon(() -> log.add("callback"));
      assertTrue(Asyncio.await(lock.acquire()));
      log.add("took at once");
      lock.release();
      Asyncio.await(Asyncio.gather(holdLock(lock, "a", log, 1), holdLock(lock, "b", log, 1), holdLock(lock, "c", log, 1)));
      return null;
    }));
    assertEquals(List.of("took at once", "callback", "a in", "a out", "b in", "b out", "c in", "c out"), log);
  }

  @Test // SEMANTICS AS2
  void lock_releaseWithoutOwner_releaseUnlocked_throws() {
    run(Asyncio.async(() -> {
      Lock lock = new Lock();
      Task<Boolean> other = Asyncio.createTask(lock.acquire());
      Asyncio.await(other);
      lock.release(); // another task took it: no owner
      IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
      assertTrue(e.getMessage().contains("Lock is not acquired."));
      return null;
    }));
  }

  @Test // SEMANTICS AS3
  void lock_noBarging_newcomerQueuesBehindWokenWaiter() {
    List<String> log = new ArrayList<>();
    run(Asyncio.async(() -> {
      Lock lock = new Lock();
      Asyncio.await(lock.acquire());
      Task<Void> waiter = Asyncio.createTask(Asyncio.async(() -> {
        Asyncio.await(lock.acquire());
        log.add("waiter");
        lock.release();
        return null;
      }));
      Asyncio.await(Asyncio.sleep(0));
      lock.release();
      Asyncio.await(lock.acquire()); // newcomer: must not overtake
      log.add("newcomer");
      lock.release();
      Asyncio.await(waiter);
      return null;
    }));
    assertEquals(List.of("waiter", "newcomer"), log);
  }

  @Test // SEMANTICS AS4
  void lock_wokenWaiterCancelled_nextWaiterWoken() {
    List<String> log = new ArrayList<>();
    run(Asyncio.async(() -> {
      Lock lock = new Lock();
      Asyncio.await(lock.acquire());
      Task<Void> first = Asyncio.createTask(holdLock(lock, "first", log, 1));
      Task<Void> second = Asyncio.createTask(holdLock(lock, "second", log, 1));
      Asyncio.await(Asyncio.sleep(0));
      lock.release();   // wakes first
      first.cancel();   // ...which is cancelled before it resumes
      Asyncio.await(second);
      assertFalse(lock.locked());
      return null;
    }));
    assertEquals(List.of("second in", "second out"), log);
  }

  @Test // SEMANTICS AS5
  void withLock_releasesInFinally() {
    Lock lock = new Lock();
    assertThrows(IllegalStateException.class, () -> run(lock.withLock(() -> {
      assertTrue(lock.locked());
      throw new IllegalStateException("body");
    })));
    assertFalse(lock.locked());
  }

  @Test // SEMANTICS AS6
  void event_setWakesAll_clearAffectsOnlyLater() {
    List<Boolean> results = new ArrayList<>();
    run(Asyncio.async(() -> {
      Event ev = new Event();
      Task<Boolean> a = Asyncio.createTask(ev.waitAsync());
      Task<Boolean> b = Asyncio.createTask(ev.waitAsync());
      Asyncio.await(Asyncio.sleep(0));
      ev.set();
      ev.clear();
      results.add(Asyncio.await(a));
      results.add(Asyncio.await(b));
      assertFalse(ev.isSet());
      ev.set();
      results.add(Asyncio.await(ev.waitAsync())); // set: at once
      return null;
    }));
    assertEquals(List.of(true, true, true), results);
  }

  @Test // SEMANTICS AS7
  void condition_waitOrNotifyWithoutLock_throws() {
    run(Asyncio.async(() -> {
      Condition c = new Condition();
      IllegalStateException n = assertThrows(IllegalStateException.class, () -> c.notify(1));
      assertTrue(n.getMessage().contains("cannot notify on un-acquired lock"));
      try {
        Asyncio.await(c.waitAsync());
      } catch (IllegalStateException w) {
        assertTrue(w.getMessage().contains("cannot wait on un-acquired lock"));
        steps.expect(1);
      }
      return null;
    }));
    steps.finish(2);
  }

  @Test // SEMANTICS AS8, AS9
  void condition_waitReleasesAndRetakes_notifyFifoUpToN_notRemembered() {
    List<String> log = new ArrayList<>();
    run(Asyncio.async(() -> {
      Condition c = new Condition();
      c.acquire();
      List<Task<Void>> waiters = new ArrayList<>();
      for (String name : List.of("w1", "w2", "w3")) {
        waiters.add(Asyncio.createTask(Asyncio.async(() -> {
          Asyncio.await(c.acquire());
          try {
            Asyncio.await(c.waitAsync());
            assertTrue(c.locked());
            log.add(name);
          } finally {
            c.release();
          }
          return null;
        })));
      }
      Asyncio.await(Asyncio.sleep(0));
      Asyncio.await(c.acquire());
      c.notify(2);
      c.release();
      Asyncio.await(Asyncio.sleep(1));
      assertEquals(List.of("w1", "w2"), log);
      Asyncio.await(c.acquire());
      c.notifyAllWaiters();
      c.release();
      Asyncio.await(Asyncio.gather(waiters.toArray(new Awaitable<?>[0])));
      Asyncio.await(c.acquire());
      c.notify(1); // nobody waits: not remembered
      c.release();
      return null;
    }));
    assertEquals(List.of("w1", "w2", "w3"), log);
  }

  @Test // SEMANTICS AS8
  void condition_waitCancelled_retakesLockThenRethrows() {
    run(Asyncio.async(() -> {
      Condition c = new Condition();
      Task<Void> t = Asyncio.createTask(Asyncio.async(() -> {
        Asyncio.await(c.acquire());
        try {
          Asyncio.await(c.waitAsync());
        } catch (CancelledError e) {
          assertTrue(c.locked());
          steps.expect(1);
          throw e;
        } finally {
          c.release();
        }
        return null;
      }));
      Asyncio.await(Asyncio.sleep(0));
      t.cancel();
      try {
        Asyncio.await(t);
      } catch (CancelledError e) {
        steps.expect(2);
      }
      return null;
    }));
    steps.finish(3);
  }

  @Test // SEMANTICS AS10, AS11
  void condition_waitFor_testsFirstLoopsReturnsValue_sharedLock() {
    run(Asyncio.async(() -> {
      Lock lock = new Lock();
      Condition c = new Condition(lock);
      int[] counter = {0};
      Asyncio.await(c.acquire());
      assertTrue(lock.locked()); // shares the lock it was given
      assertEquals("now", Asyncio.await(c.waitFor(() -> "now")));
      c.release();
      Task<Integer> t = Asyncio.createTask(Asyncio.async(() -> {
        Asyncio.await(c.acquire());
        try {
          return Asyncio.await(c.waitFor(() -> counter[0] >= 3 ? counter[0] : null));
        } finally {
          c.release();
        }
      }));
      for (int i = 0; i < 3; i++) {
        Asyncio.await(Asyncio.sleep(1));
        Asyncio.await(c.acquire());
        counter[0]++;
        c.notifyAllWaiters();
        c.release();
      }
      assertEquals(3, Asyncio.await(t));
      return null;
    }));
  }

  @Test // SEMANTICS AS12
  void semaphore_negative_throws_acquireDecrementsThenWaitsFifo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    assertTrue(e.getMessage().contains("Semaphore initial value must be >= 0"));
    List<String> log = new ArrayList<>();
    run(Asyncio.async(() -> {
      Semaphore s = new Semaphore(2);
      List<Awaitable<?>> all = new ArrayList<>();
      for (String name : List.of("a", "b", "c", "d")) {
        all.add(Asyncio.async(() -> {
          Asyncio.await(s.acquire());
          log.add(name + "@" + loop.time());
          Asyncio.await(Asyncio.sleep(1));
          s.release();
          return null;
        }));
      }
      Asyncio.await(Asyncio.gather(all.toArray(new Awaitable<?>[0])));
      assertFalse(s.locked());
      return null;
    }));
    assertEquals(List.of("a@0.0", "b@0.0", "c@1.0", "d@1.0"), log);
  }

  @Test // SEMANTICS AS13
  void semaphore_wokenWaiterCancelled_permitHandedOn_noneLost() {
    run(Asyncio.async(() -> {
      Semaphore s = new Semaphore(0);
      Task<Boolean> first = Asyncio.createTask(s.acquire());
      Task<Boolean> second = Asyncio.createTask(s.acquire());
      Asyncio.await(Asyncio.sleep(0));
      s.release();    // permit to first
      first.cancel(); // cancelled before it takes it
      assertTrue(Asyncio.await(second));
      assertTrue(s.locked());
      s.release();
      assertFalse(s.locked());
      return null;
    }));
  }

  @Test // SEMANTICS AS14
  void semaphore_releaseAboveStartAllowed_boundedRefuses() {
    Semaphore s = new Semaphore(1);
    s.release();
    assertFalse(s.locked());
    BoundedSemaphore b = new BoundedSemaphore(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::release);
    assertTrue(e.getMessage().contains("BoundedSemaphore released too many times"));
  }

  @Test // SEMANTICS AS15
  void barrier_releasesAllWithIndexes_lateArrivalsNextCycle() {
    assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
    List<Integer> indexes = run(Asyncio.async(() -> {
      Barrier b = new Barrier(3);
      List<Awaitable<?>> all = new ArrayList<>();
      for (int i = 0; i < 6; i++) all.add(b.waitAsync());
      List<Object> r = Asyncio.await(Asyncio.gather(all.toArray(new Awaitable<?>[0])));
      assertEquals(3, b.parties());
      assertEquals(0, b.nWaiting());
      List<Integer> out = new ArrayList<>();
      for (Object o : r) out.add((Integer) o);
      return out;
    }));
    assertEquals(List.of(0, 1, 2, 0, 1, 2), indexes);
  }

  @Test // SEMANTICS AS16
  void barrier_abortBreaksUntilReset_resetBreaksCurrentWaiters_cancelOnlyLeaves() {
    run(Asyncio.async(() -> {
      Barrier b = new Barrier(3);
      Task<Integer> w1 = Asyncio.createTask(b.waitAsync());
      Task<Integer> gone = Asyncio.createTask(b.waitAsync());
      Asyncio.await(Asyncio.sleep(0));
      assertEquals(2, b.nWaiting());
      gone.cancel();
      Asyncio.await(Asyncio.sleep(0));
      Asyncio.await(Asyncio.sleep(0));
      assertEquals(1, b.nWaiting());
      assertFalse(b.broken());
      Asyncio.await(b.reset());
      try {
        Asyncio.await(w1);
      } catch (BrokenBarrierError e) {
        steps.expect(1);
      }
      assertFalse(b.broken());
      Asyncio.await(b.abort());
      assertTrue(b.broken());
      try {
        Asyncio.await(b.waitAsync());
      } catch (BrokenBarrierError e) {
        steps.expect(2);
      }
      Asyncio.await(b.reset());
      assertFalse(b.broken());
      return null;
    }));
    steps.finish(3);
  }

  @Test // SEMANTICS AS17
  void primitive_usedFromSecondLoop_throwsBoundToDifferentLoop() {
    Lock lock = new Lock(); // created outside any loop
    run(Asyncio.async(() -> {
      Asyncio.await(lock.acquire());
      Task<Boolean> waiter = Asyncio.createTask(lock.acquire()); // waits: binds the lock to this loop
      Asyncio.await(Asyncio.sleep(0));
      lock.release();
      Asyncio.await(waiter);
      lock.release();
      return null;
    }));
    EventLoop second = new EventLoop(clock);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Runners.run(Asyncio.async(() -> {
      Asyncio.await(lock.acquire());    // free: taken without waiting, no loop needed
      return Asyncio.await(lock.acquire()); // would wait: on another loop
    }), second));
    assertTrue(e.getMessage().contains("is bound to a different event loop"));
  }
}

package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueTest extends LoopFixture {

  @Test // SEMANTICS AS18, AS21
  void queue_boundedFifo_nowaitVariantsThrow() {
    Queue<String> q = new Queue<>(2);
    assertEquals(2, q.maxsize());
    assertTrue(q.empty());
    q.putNowait("a");
    q.putNowait("b");
    assertTrue(q.full());
    assertThrows(QueueFull.class, () -> q.putNowait("c"));
    assertEquals("a", q.getNowait());
    assertEquals("b", q.getNowait());
    assertThrows(QueueEmpty.class, q::getNowait);
    Queue<String> unbounded = new Queue<>(0);
    for (int i = 0; i < 1000; i++) unbounded.putNowait("x");
    assertFalse(unbounded.full());
    assertEquals(1000, unbounded.qsize());
  }

  @Test // SEMANTICS AS18, AS19
  void queue_putWaitsWhileFull_getWaitsWhileEmpty() {
    List<String> log = new ArrayList<>();
    run(Asyncio.async(() -> {
      Queue<Integer> q = new Queue<>(1);
      Task<Void> producer = Asyncio.createTask(Asyncio.async(() -> {
        for (int i = 0; i < 3; i++) {
          Asyncio.await(q.put(i));
          log.add("put " + i);
        }
        return null;
      }));
      for (int i = 0; i < 3; i++) {
        Asyncio.await(Asyncio.sleep(1));
        log.add("got " + Asyncio.await(q.get()));
      }
      Asyncio.await(producer);
      return null;
    }));
    assertEquals(List.of("put 0", "got 0", "put 1", "got 1", "put 2", "got 2"), log);
  }

  @Test // SEMANTICS AS19
  void queue_cancelledWokenGetter_itemGoesToNextGetter() {
    run(Asyncio.async(() -> {
      Queue<String> q = new Queue<>();
      Task<String> first = Asyncio.createTask(q.get());
      Task<String> second = Asyncio.createTask(q.get());
      Asyncio.await(Asyncio.sleep(0));
      q.putNowait("item"); // wakes first
      first.cancel();      // ...cancelled before it takes the item
      assertEquals("item", Asyncio.await(second));
      assertTrue(first.cancelled());
      return null;
    }));
  }

  @Test // SEMANTICS AS20
  void queue_taskDoneAndJoin() {
    Queue<String> idle = new Queue<>();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, idle::taskDone);
    assertTrue(e.getMessage().contains("task_done() called too many times"));
    List<String> log = new ArrayList<>();
    run(Asyncio.async(() -> {
      Queue<String> q = new Queue<>();
      Asyncio.await(q.join()); // nothing unfinished: at once
      q.putNowait("a");
      q.putNowait("b");
      Asyncio.createTask(Asyncio.async(() -> {
        for (int i = 0; i < 2; i++) {
          String item = Asyncio.await(q.get());
          Asyncio.await(Asyncio.sleep(1));
          log.add("done " + item);
          q.taskDone();
        }
        return null;
      }));
      Asyncio.await(q.join());
      log.add("joined at " + loop.time());
      return null;
    }));
    assertEquals(List.of("done a", "done b", "joined at 2.0"), log);
  }

  @Test // SEMANTICS AS22
  void priorityAndLifoQueues_order() {
    PriorityQueue<Integer> p = new PriorityQueue<>();
    for (int v : new int[] {5, 1, 3}) p.putNowait(v);
    assertEquals(List.of(1, 3, 5), List.of(p.getNowait(), p.getNowait(), p.getNowait()));
    PriorityQueue<String> byLength = new PriorityQueue<>(0, Comparator.comparingInt(String::length));
    byLength.putNowait("ccc");
    byLength.putNowait("a");
    assertEquals("a", byLength.getNowait());
    LifoQueue<String> l = new LifoQueue<>();
    l.putNowait("a");
    l.putNowait("b");
    assertEquals("b", l.getNowait());
    assertEquals("a", l.getNowait());
  }

  @Test // Queue.shutdown (3.13, in API.md)
  void shutdown_wakesWaiters_putsThrow_immediateDrops() {
    run(Asyncio.async(() -> {
      Queue<String> q = new Queue<>();
      Task<String> getter = Asyncio.createTask(q.get());
      Asyncio.await(Asyncio.sleep(0));
      q.shutdown(false);
      try {
        Asyncio.await(getter);
      } catch (QueueShutDown e) {
        steps.expect(1);
      }
      assertThrows(QueueShutDown.class, () -> q.putNowait("x"));
      Queue<String> full = new Queue<>();
      full.putNowait("a");
      full.shutdown(true);
      assertTrue(full.empty());
      Asyncio.await(full.join());
      return null;
    }));
    steps.finish(2);
  }
}

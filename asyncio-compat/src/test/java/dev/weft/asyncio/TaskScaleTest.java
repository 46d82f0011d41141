package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.continuations.Suspend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Depth and breadth: nothing grows the Java stack or the heap per step. */
class TaskScaleTest extends LoopFixture {

  static int nested(int depth) throws Suspend {
    if (depth == 0) {
      Asyncio.await(Asyncio.sleep(1));
      return 0;
    }
    return 1 + Asyncio.await(Asyncio.async(() -> nested(depth - 1)));
  }

  @Test // SEMANTICS A26 at depth: 1,000 inline coroutine awaits suspend and resume as one task
  void inlineAwaits_thousandDeep_suspendAndResume() {
    assertEquals(1000, run(Asyncio.async(() -> nested(1000))));
    assertEquals(1.0, loop.time());
  }

  @Test // SEMANTICS A24: a chain of 2,000 tasks, each awaiting the next, unwinds without recursion
  void taskChain_eachAwaitingNext_completes() {
    int n = 2000;
    int r = run(Asyncio.async(() -> {
      Future<Integer> leaf = loop.createFuture();
      Awaitable<Integer> next = leaf;
      for (int i = 0; i < n; i++) {
        Awaitable<Integer> inner = next;
        next = Asyncio.createTask(Asyncio.async(() -> Asyncio.await(inner) + 1));
      }
      Asyncio.await(Asyncio.sleep(0));
      leaf.setResult(0);
      return Asyncio.await(next);
    }));
    assertEquals(n, r);
  }

  @Test // SEMANTICS A22, A27: 20,000 tasks sleeping and yielding together
  void manyTasks_sleepAndYield_allFinish() {
    int n = 20_000;
    List<Object> r = run(Asyncio.async(() -> {
      List<Awaitable<?>> tasks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        tasks.add(Asyncio.async(() -> {
          Asyncio.await(Asyncio.sleep(k % 7));
          Asyncio.await(Asyncio.sleep(0));
          return k;
        }));
      }
      return Asyncio.await(Asyncio.gather(tasks.toArray(new Awaitable<?>[0])));
    }));
    assertEquals(n, r.size());
    assertEquals(n - 1, r.get(n - 1));
  }
}

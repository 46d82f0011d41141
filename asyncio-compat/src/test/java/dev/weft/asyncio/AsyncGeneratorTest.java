package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Suspend;
import dev.weft.generators.Generator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PEP 525 asynchronous generators, each case as the CPython 3.12 program it mirrors:
 *
 * <pre>
 * async def ticker(n):
 *     try:
 *         for i in range(n):
 *             await asyncio.sleep(1); got = yield i; log.append(got)
 *     finally:
 *         await asyncio.sleep(1); log.append("finally")
 * </pre>
 */
class AsyncGeneratorTest extends LoopFixture {
  final List<Object> log = new ArrayList<>();

  AsyncGenerator<Integer, String> ticker(int n) {
    return AsyncGenerator.of(y -> {
      try {
        for (int i = 0; i < n; i++) {
          Asyncio.await(Asyncio.sleep(1));
          log.add(y.yield(i));
        }
      } finally {
        Asyncio.await(Asyncio.sleep(1)); // a finally may await
        log.add("finally");
      }
    });
  }

  static <T> Object endOf(Coroutine<T> c) throws Suspend {
    try {
      return Asyncio.await(c);
    } catch (StopAsyncIteration end) {
      return end;
    }
  }

  /* [0, 1, 2] then StopAsyncIteration; log == ["b", "c", None, "finally"]; 4 s of virtual time */
  @Test
  void anextAndAsend_yieldAwaitingValues_thenStopAsyncIteration() {
    List<Object> got = run(Asyncio.async(() -> {
      AsyncGenerator<Integer, String> g = ticker(3);
      List<Object> out = new ArrayList<>();
      out.add(Asyncio.await(g.anext()));
      out.add(Asyncio.await(g.asend("b")));
      out.add(Asyncio.await(g.asend("c")));
      out.add(endOf(g.anext()));
      return out;
    }));
    assertEquals(List.of(0, 1, 2), got.subList(0, 3));
    assertTrue(got.get(3) instanceof StopAsyncIteration, got.toString());
    assertEquals(java.util.Arrays.asList("b", "c", null, "finally"), log);
    assertEquals(4.0, clock.time(), 1e-9);
  }

  /* await g.aclose() after one value: the finally runs (and awaits); then anext() -> StopAsyncIteration */
  @Test
  void aclose_runsTheFinallyWhichMayAwait_thenTheGeneratorIsExhausted() {
    Object after = run(Asyncio.async(() -> {
      AsyncGenerator<Integer, String> g = ticker(3);
      Asyncio.await(g.anext());
      Asyncio.await(g.aclose());
      assertSame(Generator.State.CLOSED, g.state());
      return endOf(g.anext());
    }));
    assertTrue(after instanceof StopAsyncIteration);
    assertEquals(List.of("finally"), log);
  }

  /* aclose() of a generator that never started: nothing runs */
  @Test
  void aclose_unstarted_runsNothing() {
    run(Asyncio.async(() -> {
      AsyncGenerator<Integer, String> g = ticker(3);
      Asyncio.await(g.aclose());
      assertSame(Generator.State.CLOSED, g.state());
      return null;
    }));
    assertEquals(List.of(), log);
  }

  /* athrow(ValueError) at the paused yield, caught by the body, which yields -1 */
  @Test
  void athrow_thrownInAtThePausedYield() {
    Object got = run(Asyncio.async(() -> {
      AsyncGenerator<Integer, Object> g = AsyncGenerator.of(y -> {
        try {
          y.yield(1);
        } catch (IllegalArgumentException e) {
          Asyncio.await(Asyncio.sleep(0));
          y.yield(-1);
        }
      });
      Asyncio.await(g.anext());
      return Asyncio.await(g.athrow(new IllegalArgumentException("boom")));
    }));
    assertEquals(-1, got);
  }

  /* a yield in finally during aclose: RuntimeError("async generator ignored GeneratorExit") in Python */
  @Test
  void yieldInFinallyDuringAclose_isRefused() {
    Object err = run(Asyncio.async(() -> {
      AsyncGenerator<Integer, Object> g = AsyncGenerator.of(y -> {
        try {
          y.yield(1);
        } finally {
          y.yield(2);
        }
      });
      Asyncio.await(g.anext());
      try {
        Asyncio.await(g.aclose());
        return "closed";
      } catch (IllegalStateException e) {
        return e.getMessage();
      }
    }));
    assertTrue(String.valueOf(err).contains("ignored GeneratorExit"), String.valueOf(err));
  }

  static String refusal(Coroutine<?> c) throws Suspend {
    try {
      Asyncio.await(c);
      return "not refused";
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
  }

  /*
   * While one anext() waits inside the body, every other call is refused, as CPython 3.12-3.14:
   *   t = asyncio.ensure_future(g.__anext__()); await asyncio.sleep(0)
   *   await g.__anext__()          RuntimeError: anext(): asynchronous generator is already running
   *   await g.asend(None)          RuntimeError: anext(): asynchronous generator is already running
   *   await g.athrow(ValueError)   RuntimeError: athrow(): asynchronous generator is already running
   *   await g.aclose()             RuntimeError: aclose(): asynchronous generator is already running
   *   await t                      0
   */
  @Test
  void callsWhileAnAnextIsInFlight_refusedWithCPythonsMessages() {
    List<Object> got = run(Asyncio.async(() -> {
      AsyncGenerator<Integer, String> g = ticker(2);
      Task<Integer> first = Asyncio.createTask(g.anext());
      Asyncio.await(Asyncio.sleep(0)); // first is now awaiting the body's sleep
      List<Object> out = new ArrayList<>();
      out.add(refusal(g.anext()));
      out.add(refusal(g.asend(null)));
      out.add(refusal(g.athrow(new IllegalArgumentException("boom"))));
      out.add(refusal(g.aclose()));
      out.add(Asyncio.await(first));
      out.add(Asyncio.await(g.anext())); // the generator is unharmed
      return out;
    }));
    assertEquals(List.of("anext(): asynchronous generator is already running",
        "anext(): asynchronous generator is already running",
        "athrow(): asynchronous generator is already running",
        "aclose(): asynchronous generator is already running", 0, 1), got);
  }

  /*
   * On a generator that has finished (exhausted or closed), athrow() and aclose() return None and
   * anext() raises StopAsyncIteration (CPython 3.12-3.14: the athrow awaitable sees the finished
   * frame and stops at once; 3.11 does the same).
   */
  @Test
  void athrowAndAclose_onAFinishedGenerator_returnNull_anextStops() {
    List<Object> got = run(Asyncio.async(() -> {
      AsyncGenerator<Integer, String> exhausted = ticker(1);
      Asyncio.await(exhausted.anext());
      Object end = endOf(exhausted.anext());
      AsyncGenerator<Integer, String> closed = ticker(3);
      Asyncio.await(closed.anext());
      Asyncio.await(closed.aclose());
      List<Object> out = new ArrayList<>();
      out.add(end instanceof StopAsyncIteration);
      out.add(Asyncio.await(exhausted.athrow(new IllegalArgumentException("boom"))));
      out.add(Asyncio.await(exhausted.aclose()));
      out.add(Asyncio.await(closed.athrow(new IllegalArgumentException("boom"))));
      out.add(endOf(closed.anext()) instanceof StopAsyncIteration);
      return out;
    }));
    assertEquals(java.util.Arrays.asList(true, null, null, null, true), got);
  }
}

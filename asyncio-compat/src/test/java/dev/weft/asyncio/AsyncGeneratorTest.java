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
}

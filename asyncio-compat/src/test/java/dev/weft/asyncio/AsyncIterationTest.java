package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Suspend;
import dev.weft.generators.Generator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * #18: {@code async for} ({@link Asyncio#forEach}) over async generators and user iterators,
 * {@code async with} ({@link Asyncio#asyncWith} and the {@code withX} forms), and 3.13's
 * {@code async for t in as_completed(...)}, which yields the original futures.
 */
class AsyncIterationTest extends LoopFixture {
  final List<Object> log = new ArrayList<>();

  static AsyncGenerator<Integer, Object> ticker(int n) {
    return AsyncGenerator.of(y -> {
      for (int i = 0; i < n; i++) {
        Asyncio.await(Asyncio.sleep(1));
        y.yield(i);
      }
    });
  }

  /* A user type: Python's class with __aiter__ returning self and an async __anext__. */
  static final class Countdown implements AsyncIterator<Integer> {
    private int n;

    Countdown(int n) {
      this.n = n;
    }

    @Override
    public Coroutine<Integer> anext() {
      return Asyncio.async(() -> {
        if (n == 0) throw new StopAsyncIteration();
        Asyncio.await(Asyncio.sleep(0));
        return --n;
      });
    }
  }

  @Test
  void forEach_asyncGenerator_consumerAwaits_valuesInOrder() {
    run(Asyncio.async(() -> Asyncio.await(Asyncio.forEach(ticker(3), i -> {
      Asyncio.await(Asyncio.sleep(0.5));
      log.add(i + "@" + Asyncio.getRunningLoop().time());
    }))));
    assertEquals(List.of("0@1.5", "1@3.0", "2@4.5"), log);
  }

  @Test
  void forEach_userIterator_andIterable() {
    run(Asyncio.async(() -> {
      Asyncio.await(Asyncio.forEach(new Countdown(3), log::add));
      AsyncIterable<Integer> fresh = () -> new Countdown(2);
      Asyncio.await(Asyncio.forEach(fresh, log::add));
      Asyncio.await(Asyncio.forEach(fresh, log::add)); // an iterable starts anew
      return null;
    }));
    assertEquals(List.of(2, 1, 0, 1, 0, 1, 0), log);
  }

  @Test
  void forEach_consumerThrows_sameInstance_generatorLeftOpen() {
    AsyncGenerator<Integer, Object> g = ticker(5);
    IllegalStateException stop = new IllegalStateException("enough");
    Throwable got = run(Asyncio.async(() -> {
      try {
        Asyncio.await(Asyncio.forEach(g, i -> {
          if (i == 1) throw stop;
        }));
        return null;
      } catch (IllegalStateException e) {
        return e;
      }
    }));
    assertSame(stop, got);
    // as Python's async for: a break leaves the generator suspended (asyncio.run then closes it)
    assertEquals(Generator.State.CLOSED, g.state(), "shutdownAsyncgens closed it at the end of run");
  }

  @Test
  void forEach_consumersOwnStopAsyncIteration_propagates() {
    StopAsyncIteration own = new StopAsyncIteration();
    Throwable got = run(Asyncio.async(() -> {
      try {
        Asyncio.await(Asyncio.forEach(new Countdown(3), i -> {
          throw own;
        }));
        return null;
      } catch (StopAsyncIteration e) {
        return e;
      }
    }));
    assertSame(own, got);
  }

  /* An async context manager that logs and suppresses IllegalArgumentException (ValueError). */
  final class Resource implements AsyncContextManager<String> {
    @Override
    public Coroutine<String> aenter() {
      return Asyncio.async(() -> {
        Asyncio.await(Asyncio.sleep(0));
        log.add("enter");
        return "res";
      });
    }

    @Override
    public Coroutine<Boolean> aexit(Throwable exc) {
      return Asyncio.async(() -> {
        Asyncio.await(Asyncio.sleep(0));
        log.add("exit " + (exc == null ? "None" : exc.getMessage()));
        return exc instanceof IllegalArgumentException;
      });
    }
  }

  @Test
  void asyncWith_enterValue_exitSeesOutcome_suppressesOrRethrowsSameInstance() {
    IllegalStateException notSuppressed = new IllegalStateException("kept");
    run(Asyncio.async(() -> {
      assertEquals("res!", Asyncio.await(Asyncio.asyncWith(new Resource(), r -> r + "!")));
      assertNull(Asyncio.await(Asyncio.asyncWith(new Resource(), r -> {
        throw new IllegalArgumentException("suppressed");
      })));
      try {
        Asyncio.await(Asyncio.asyncWith(new Resource(), r -> {
          throw notSuppressed;
        }));
      } catch (IllegalStateException e) {
        assertSame(notSuppressed, e);
        log.add("caught");
      }
      return null;
    }));
    assertEquals(List.of("enter", "exit None", "enter", "exit suppressed", "enter", "exit kept", "caught"), log);
  }

  @Test
  void withAcquire_andConditionWithLock_releaseOnException() {
    Semaphore sem = new Semaphore(1);
    Condition cond = new Condition();
    run(Asyncio.async(() -> {
      IllegalStateException boom = new IllegalStateException("boom");
      for (SuspendingBlock block : List.<SuspendingBlock>of(
          () -> Asyncio.await(sem.withAcquire(() -> {
            assertTrue(sem.locked());
            throw boom;
          })),
          () -> Asyncio.await(cond.withLock(() -> {
            assertTrue(cond.locked());
            throw boom;
          })))) {
        assertSame(boom, assertThrowsSuspending(block));
      }
      assertFalse(sem.locked());
      assertFalse(cond.locked());
      return null;
    }));
  }

  interface SuspendingBlock {
    void run() throws Suspend;
  }

  static Throwable assertThrowsSuspending(SuspendingBlock block) throws Suspend {
    try {
      block.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("nothing thrown");
  }

  @Test
  void asCompleted_asyncIteration_yieldsOriginalTasksInCompletionOrder() {
    run(Asyncio.async(() -> {
      Task<String> slow = Asyncio.createTask(Asyncio.sleep(2, "slow"));
      Task<String> fast = Asyncio.createTask(Asyncio.sleep(1, "fast"));
      List<Future<String>> order = new ArrayList<>();
      Asyncio.await(Asyncio.forEach(Asyncio.asCompleted(List.of(slow, fast), null), order::add));
      assertEquals(List.of(fast, slow), order);
      return null;
    }));
  }

  @Test
  void asCompleted_asyncIteration_timeout_thenStopAsyncIteration() {
    run(Asyncio.async(() -> {
      Task<String> fast = Asyncio.createTask(Asyncio.sleep(1, "fast"));
      Task<String> never = Asyncio.createTask(Asyncio.sleep(100, "never"));
      AsCompleted<String> it = Asyncio.asCompleted(List.of(fast, never), 5.0);
      assertSame(fast, Asyncio.await(it.anext()));
      assertTrue(assertThrowsSuspending(() -> Asyncio.await(it.anext())) instanceof TimeoutError);
      assertEquals(5.0, Asyncio.getRunningLoop().time(), 1e-9);
      assertTrue(assertThrowsSuspending(() -> Asyncio.await(it.anext())) instanceof StopAsyncIteration);
      never.cancel();
      return null;
    }));
  }

  @Test
  void asCompleted_coroutinesWrapped_bothIterationsShareOneCount() {
    run(Asyncio.async(() -> {
      AsCompleted<String> it = Asyncio.asCompleted(List.of(Asyncio.sleep(1, "a"), Asyncio.sleep(2, "b")), null);
      Future<String> first = Asyncio.await(it.anext());
      assertTrue(first instanceof Task, "a coroutine given is handed out as the task that wraps it");
      assertEquals("a", first.result());
      List<String> rest = new ArrayList<>();
      for (Coroutine<String> c : it) rest.add(Asyncio.await(c)); // the plain iteration has one left
      assertEquals(List.of("b"), rest);
      return null;
    }));
  }
}

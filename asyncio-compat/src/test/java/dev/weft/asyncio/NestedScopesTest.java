package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Suspend;
import dev.weft.generators.Generator;
import dev.weft.greenlet.Greenlet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #13: a task (or code under {@code greenletSpawn}) that awaits from inside a generator body
 * receives exactly the result, exception or cancellation the await ends with, at every nesting of
 * task, greenlet and generators. Each case is quoted as the CPython 3.12 program it mirrors.
 */
class NestedScopesTest extends LoopFixture {
  static final class DbError extends RuntimeException {
    DbError(String m) {
      super(m);
    }
  }

  final List<Object> log = new ArrayList<>();

  static Coroutine<String> failing(String message) {
    return Asyncio.async(() -> {
      Asyncio.await(Asyncio.sleep(1));
      throw new DbError(message);
    });
  }

  /** Awaits {@code t}, which must end cancelled (assertThrows' lambda is JUnit's code: it cannot suspend). */
  static CancelledError awaitCancelled(Task<?> t) throws Suspend {
    try {
      Asyncio.await(t);
    } catch (CancelledError e) {
      return e;
    }
    throw new AssertionError("not cancelled: " + t);
  }

  /** Rows fetched by awaiting from inside a generator body, then a failing query caught there. */
  Generator<Object, Object, Void> rows(boolean viaAwaitOnly) {
    return Generator.of(y -> {
      for (int i = 0; i < 2; i++) {
        Coroutine<String> fetch = Asyncio.sleep(1, "row" + i);
        y.yield(viaAwaitOnly ? Asyncio.awaitOnly(fetch) : Asyncio.await(fetch));
      }
      try {
        if (viaAwaitOnly) Asyncio.awaitOnly(failing("db down"));
        else Asyncio.await(failing("db down"));
        log.add("not thrown");
      } catch (DbError e) {
        log.add("caught " + e.getMessage());
      }
    });
  }

  static List<Object> drain(Generator<Object, Object, Void> gen) throws Suspend {
    List<Object> out = new ArrayList<>();
    while (gen.hasNext()) out.add(gen.next()); // Generator's own methods: for-each goes through JDK code
    return out;
  }

  /*
   * async def main():
   *     def rows(): ... yields await-results ...   (in Python via greenlet_spawn + await_only)
   * rows == ["row0", "row1"], log == ["caught db down"], 3 seconds of virtual time
   */
  @Test
  void taskAwaitingInGeneratorBody_getsEveryResultAndTheFailure() {
    Object rows = run(Asyncio.async(() -> drain(rows(false))));
    assertEquals(List.of("row0", "row1"), rows);
    assertEquals(List.of("caught db down"), log);
    assertEquals(3.0, clock.time(), 1e-9);
  }

  @Test
  void greenletSpawnIteratingGenerator_awaitOnlyResultsAndFailureArrive() {
    Object rows = run(Asyncio.greenletSpawn(args -> drain(rows(true))));
    assertEquals(List.of("row0", "row1"), rows);
    assertEquals(List.of("caught db down"), log);
  }

  /* Two generators down, through yieldFrom, inside greenletSpawn inside a task. */
  @Test
  void greenletSpawnThroughYieldFrom_awaitOnlyResultsArrive() {
    Object rows = run(Asyncio.async(() -> Asyncio.await(Asyncio.greenletSpawn(args -> {
      Generator<Object, Object, Void> outer = Generator.of(y -> y.yieldFrom(Generator.of(mid -> mid.yieldFrom(rows(true)))));
      return drain(outer);
    }))));
    assertEquals(List.of("row0", "row1"), rows);
    assertEquals(List.of("caught db down"), log);
  }

  /* A generator body in a greenlet made inside a generator body of a task. */
  @Test
  void taskGeneratorGreenletGenerator_awaitResultsArrive() {
    Object rows = run(Asyncio.async(() -> {
      Generator<Object, Object, Void> outer = Generator.of(y -> {
        Greenlet g = new Greenlet(args -> drain(rows(false)));
        y.yield(g.switchTo());
      });
      return drain(outer);
    }));
    assertEquals(List.of(List.of("row0", "row1")), rows);
    assertEquals(List.of("caught db down"), log);
  }

  /*
   * async def main():
   *     fut = loop.create_future()
   *     def body():
   *         try: yield await fut              (await inside the generator's body)
   *         except CancelledError as e: log.append(e.args); raise
   *     t = create_task(consume(body()))
   *     await sleep(0); fut.set_result("value"); t.cancel("late")
   *     -> log == [("late",)], t.cancelled()
   */
  @Test
  void taskWokenInsideGeneratorBody_thenCancelled_bodyGetsTheCancellation() {
    Task<?>[] task = new Task<?>[1];
    run(Asyncio.async(() -> {
      Future<String> fut = loop.createFuture();
      task[0] = Asyncio.createTask(Asyncio.async(() -> drain(Generator.of(y -> {
        try {
          y.yield(Asyncio.await(fut));
          log.add("body got the value");
        } catch (CancelledError e) {
          log.add("cancelled: " + e.getMessage());
          throw e;
        }
      }))));
      Asyncio.await(Asyncio.sleep(0));
      fut.setResult("value");
      task[0].cancel("late");
      assertEquals("late", awaitCancelled(task[0]).getMessage());
      return null;
    }));
    assertEquals(List.of("cancelled: late"), log);
    assertTrue(task[0].cancelled());
  }

  /* Cancelled while waiting: the generator's finally runs, then the task's. */
  @Test
  void taskCancelledWhileAwaitingInGeneratorBody_everyFinallyRunsInnermostFirst() {
    Task<?>[] task = new Task<?>[1];
    run(Asyncio.async(() -> {
      task[0] = Asyncio.createTask(Asyncio.async(() -> {
        try {
          return drain(Generator.of(y -> {
            try {
              Asyncio.await(Asyncio.sleep(10));
            } finally {
              log.add("generator finally");
            }
          }));
        } finally {
          log.add("task finally");
        }
      }));
      Asyncio.await(Asyncio.sleep(1));
      task[0].cancel("stop");
      awaitCancelled(task[0]);
      return null;
    }));
    assertEquals(List.of("generator finally", "task finally"), log);
    assertTrue(task[0].cancelled());
    assertEquals(1.0, clock.time(), 1e-9);
  }

  /* An awaited task's failure crosses the generator into the awaiting frame, as the same object. */
  @Test
  void awaitedTaskFailure_reachesGeneratorBodyAsTheSameException() {
    DbError boom = new DbError("same");
    Object seen = run(Asyncio.async(() -> {
      Task<String> t = Asyncio.createTask(Asyncio.async(() -> {
        Asyncio.await(Asyncio.sleep(1));
        throw boom;
      }));
      Generator<Object, Object, Void> gen = Generator.of(y -> {
        try {
          Asyncio.await(t);
        } catch (DbError e) {
          y.yield(e);
        }
      });
      return gen.next();
    }));
    assertSame(boom, seen);
    assertInstanceOf(DbError.class, seen);
  }
}

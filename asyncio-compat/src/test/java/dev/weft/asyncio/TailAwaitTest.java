package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An await of a pending future or of {@code sleep(0)} keeps no frame of Weft's: the task's next
 * step hands the result (or the exception) straight to the awaiting method. What arrives must be
 * what was awaited, and a refused await must leave nothing behind for the next one.
 */
class TailAwaitTest extends LoopFixture {
  static final Object LOCK = new Object();

  static String awaitIt(Future<String> f) throws Suspend {
    return Asyncio.await(f); // a user's tail call: kept, so traces show this frame
  }

  @Test
  void pendingFuture_theAwaitReturnsTheResultSetLater() {
    Future<String> f = loop.createFuture();
    loop.callLater(0.01, () -> f.setResult("later"));
    assertEquals("later!", run(Asyncio.async(() -> awaitIt(f) + "!")));
  }

  @Test
  void pendingFuture_theAwaitThrowsTheSameException() {
    Future<String> f = loop.createFuture();
    IllegalStateException boom = new IllegalStateException("boom");
    loop.callLater(0.01, () -> f.setException(boom));
    Throwable caught = run(Asyncio.async(() -> {
      try {
        awaitIt(f);
        return null;
      } catch (IllegalStateException e) {
        return e;
      }
    }));
    assertSame(boom, caught);
  }

  @Test
  void pendingFuture_cancelledWhileAwaited_theAwaitThrowsCancelledError() {
    Future<String> f = loop.createFuture();
    loop.callLater(0.01, () -> f.cancel("gone"));
    String got = run(Asyncio.async(() -> {
      try { // not assertThrows: its lambda is not instrumented, and this await suspends
        return awaitIt(f);
      } catch (CancelledError e) {
        return "cancelled: " + e.getMessage();
      }
    }));
    assertEquals("cancelled: gone", got);
  }

  @Test
  void sleepZero_theAwaitReturnsItsResult_andTheCoroutineIsFinished() {
    List<Object> got = run(Asyncio.async(() -> {
      Coroutine<String> c = Asyncio.sleep(0, "r");
      String first = Asyncio.await(c);
      IllegalStateException again = assertThrows(IllegalStateException.class, () -> Asyncio.await(c));
      return List.of(first, again.getMessage());
    }));
    assertEquals("r", got.get(0));
    assertTrue(((String) got.get(1)).startsWith("cannot reuse already awaited coroutine"), got.toString());
  }

  @Test
  void sleepZero_whileSuspended_isBeingAwaited() {
    List<String> got = run(Asyncio.async(() -> {
      Coroutine<Void> shared = Asyncio.sleep(0);
      Task<Void> first = Asyncio.createTask(Asyncio.async(() -> Asyncio.await(shared)));
      Asyncio.await(Asyncio.sleep(0)); // first is now inside shared's bare yield
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.await(shared));
      Asyncio.await(first);
      return List.of(e.getMessage(), String.valueOf(first.result()));
    }));
    assertTrue(got.get(0).startsWith("coroutine is being awaited already"), got.toString());
    assertEquals("null", got.get(1));
  }

  static String sleepInsideMonitor(Coroutine<String> c) throws Suspend {
    synchronized (LOCK) {
      return Asyncio.await(c);
    }
  }

  @Test
  void sleepZero_refusedInsideSynchronized_finishesTheCoroutine_andTheNextAwaitGetsItsOwnValue() {
    List<Object> got = run(Asyncio.async(() -> {
      Coroutine<String> c = Asyncio.sleep(0, "stale");
      SuspendException refused = assertThrows(SuspendException.class, () -> sleepInsideMonitor(c));
      IllegalStateException again = assertThrows(IllegalStateException.class, () -> Asyncio.await(c));
      String next = Asyncio.await(Asyncio.sleep(0, "fresh"));
      Future<String> f = Asyncio.getRunningLoop().createFuture();
      Asyncio.getRunningLoop().callSoon(() -> f.setResult("future"));
      return List.of(refused.getMessage(), again.getMessage(), next, Asyncio.await(f));
    }));
    assertTrue(((String) got.get(0)).contains("synchronized"), got.toString());
    assertTrue(((String) got.get(1)).startsWith("cannot reuse already awaited coroutine"), got.toString());
    assertEquals(List.of("fresh", "future"), got.subList(2, 4));
  }
}

package dev.weft.asyncio;

import static dev.weft.testing.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendException;
import org.junit.jupiter.api.Test;

/**
 * Issue #9, bad input: an await with no task to suspend, or of something that cannot be awaited,
 * fails with the exception SEMANTICS gives and a message naming the user's method, the awaited
 * object and the way out. Before #9 an await outside a task blamed Weft's own awaitFuture.
 */
class AwaitMisuseTest extends LoopFixture {

  static String awaitPending(Future<String> f) throws Suspend {
    return Asyncio.await(f);
  }

  @Test // SEMANTICS A26, section 9: no loop on this thread
  void await_pendingFutureWithoutLoop_namesCallerAndFuture() {
    Future<String> f = loop.createFuture();
    SuspendException e = assertThrows(SuspendException.class, () -> awaitPending(f));
    assertContains(e, "dev.weft.asyncio.AwaitMisuseTest.awaitPending() awaited outside an event loop: run it with Asyncio.run(");
    assertContains(e, "it tried to await Future[pending] (AwaitMisuseTest.java:");
    assertContains(e, "on thread " + Thread.currentThread().getName() + ", where no event loop is running");
    assertTrue(!f.done(), "the future is left alone");
  }

  static String fetchUser() throws Suspend {
    Asyncio.await(Asyncio.sleep(0.01));
    return "user";
  }

  static String cachedUser() throws Suspend {
    return Asyncio.await(Asyncio.async(() -> "cached")); // never suspends
  }

  @Test // issue 15: a suspending method called from a plain main names itself and the fix
  void suspendingMethod_calledWithoutLoop_namesItAndAsyncioRun() {
    SuspendException e = assertThrows(SuspendException.class, AwaitMisuseTest::fetchUser);
    assertContains(e, "dev.weft.asyncio.AwaitMisuseTest.fetchUser() awaited outside an event loop: run it with Asyncio.run(");
  }

  @Test // issue 15: a coroutine that would not suspend is refused all the same, not run
  void nonSuspendingCoroutine_awaitedWithoutLoop_refusedTheSameWay() {
    SuspendException e = assertThrows(SuspendException.class, AwaitMisuseTest::cachedUser);
    assertContains(e, "dev.weft.asyncio.AwaitMisuseTest.cachedUser() awaited outside an event loop: run it with Asyncio.run(");
  }

  @Test // SEMANTICS A26: a plain callback is not a task
  void await_pendingFutureInPlainCallback_namesCallerAndSaysCallback() {
    Future<String> f = loop.createFuture();
    SuspendException[] seen = new SuspendException[1];
    loop.callSoon(() -> seen[0] = assertThrows(SuspendException.class, () -> awaitPending(f)));
    iterate(1);
    assertContains(seen[0], "in dev.weft.asyncio.AwaitMisuseTest.awaitPending(");
    assertContains(seen[0], "the event loop is running a plain callback, which cannot suspend");
  }

  @Test // SEMANTICS A26: sleep(0) awaited inline outside a task
  void await_sleepZeroWithoutTask_namesCaller() {
    SuspendException e = assertThrows(SuspendException.class, () -> sleepZero());
    assertContains(e, "dev.weft.asyncio.AwaitMisuseTest.sleepZero() awaited outside an event loop: run it with Asyncio.run(");
  }

  static void sleepZero() throws Suspend {
    Asyncio.await(Asyncio.sleep(0));
  }

  @Test // SEMANTICS A26: a done future needs no task
  void await_doneFutureOutsideTask_givesResult() throws Suspend {
    Future<String> f = loop.createFuture();
    f.setResult("ready");
    assertEquals("ready", awaitPending(f));
  }

  @Test // SEMANTICS section 0: TypeError for what is not awaitable
  void await_foreignAwaitable_namesIt() {
    Awaitable<String> odd = new Awaitable<>() {
      @Override
      public String toString() {
        return "OddAwaitable";
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Asyncio.await(odd));
    assertEquals("object OddAwaitable can't be used in 'await' expression", e.getMessage());
    NullPointerException npe = assertThrows(NullPointerException.class, () -> Asyncio.await(null));
    assertEquals("awaitable", npe.getMessage());
  }

  @Test // SEMANTICS A32: the second await names the coroutine
  void await_coroutineTwice_namesIt() {
    Coroutine<String> c = Asyncio.async(() -> "once");
    IllegalStateException e = run(Asyncio.async(() -> {
      Asyncio.await(c);
      return assertThrows(IllegalStateException.class, () -> Asyncio.await(c));
    }));
    assertEquals("cannot reuse already awaited coroutine (" + c.name() + ")", e.getMessage());
  }

  static String sleepy() throws Suspend {
    Asyncio.await(Asyncio.sleep(0.01));
    return "slept";
  }

  @Test // issue 15: named as CPython's __qualname__, after the method a reference or lambda calls
  void coroutineNames_followTheMethodCalled() {
    assertEquals("AwaitMisuseTest.sleepy", Asyncio.async(AwaitMisuseTest::sleepy).name());
    assertEquals("AwaitMisuseTest.fetchUser", Asyncio.async(() -> fetchUser()).name());
    String who = "x";
    assertEquals("AwaitMisuseTest.fetchUser", Asyncio.async(() -> fetchUser() + who).name()); // capturing
    assertEquals("AwaitMisuseTest.coroutineNames_followTheMethodCalled.<lambda>", Asyncio.async(() -> {
      Asyncio.await(Asyncio.sleep(0.01));
      return 1;
    }).name());
    Coroutine<String> c = Asyncio.async(AwaitMisuseTest::sleepy);
    assertTrue(c.toString().startsWith("Coroutine[AwaitMisuseTest.sleepy, "), c.toString());
    c.close();
  }

  @Test // issue 15: awaiting a coroutine twice names the method
  void await_coroutineTwice_namesTheMethod() {
    Coroutine<String> c = Asyncio.async(AwaitMisuseTest::sleepy);
    IllegalStateException e = run(Asyncio.async(() -> {
      Asyncio.await(c);
      return assertThrows(IllegalStateException.class, () -> Asyncio.await(c));
    }));
    assertEquals("cannot reuse already awaited coroutine (AwaitMisuseTest.sleepy)", e.getMessage());
  }
}

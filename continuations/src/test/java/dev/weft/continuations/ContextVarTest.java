package dev.weft.continuations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** SEMANTICS 0, context variables. */
class ContextVarTest {
  static final ContinuationScope S = new ContinuationScope("ctx");

  @Test
  void get_noValueNoDefault_throwsNoSuchElement() {
    ContextVar<String> v = new ContextVar<>("v");
    NoSuchElementException e = assertThrows(NoSuchElementException.class, v::get);
    assertTrue(e.getMessage().contains("v"), e.getMessage());
    assertEquals("fallback", v.get("fallback"));
  }

  @Test
  void setAndReset_restoresPreviousValue() {
    ContextVar<String> v = new ContextVar<>("v", "default");
    Context.copyCurrent(); // copying does not change the current context
    ContextVar.Token<String> t1 = v.set("one");
    ContextVar.Token<String> t2 = v.set("two");
    assertEquals("two", v.get());
    v.reset(t2);
    assertEquals("one", v.get());
    v.reset(t1);
    assertEquals("default", v.get());
  }

  // The current context is per thread (held in the thread's carrier): another thread starts from
  // the empty context, and what it sets is seen neither here nor by a third thread.
  @Test
  void eachThreadHasItsOwnCurrentContext() throws Exception {
    ContextVar<String> v = new ContextVar<>("per-thread", "default");
    ContextVar.Token<String> mine = v.set("main");
    assertEquals(java.util.List.of("default", "first"), onAnotherThread(v, "first"));
    assertEquals(java.util.List.of("default", "second"), onAnotherThread(v, "second"));
    assertEquals("main", v.get());
    v.reset(mine);
    assertEquals("default", v.get());
  }

  /* What v reads on a new thread before and after that thread sets it to value. */
  private static java.util.List<String> onAnotherThread(ContextVar<String> v, String value) throws InterruptedException {
    String[] seen = new String[2];
    Thread t = new Thread(() -> {
      seen[0] = v.get();
      v.set(value);
      seen[1] = v.get();
    });
    t.start();
    t.join();
    return java.util.List.of(seen);
  }

  @Test
  void reset_usedToken_throwsIllegalState() {
    ContextVar<Integer> v = new ContextVar<>("v", 0);
    ContextVar.Token<Integer> t = v.set(1);
    v.reset(t);
    assertThrows(IllegalStateException.class, () -> v.reset(t));
  }

  @Test
  void reset_tokenOfOtherVarOrContext_throwsIllegalArgument() throws Suspend {
    ContextVar<Integer> a = new ContextVar<>("a", 0);
    ContextVar<Integer> b = new ContextVar<>("b", 0);
    ContextVar.Token<Integer> ta = a.set(1);
    assertThrows(IllegalArgumentException.class, () -> b.reset(ta));
    ContextVar.Token<Integer> inOther = Context.copyCurrent().run(() -> a.set(5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.reset(inOther));
    assertTrue(e.getMessage().contains("different Context"), e.getMessage());
    a.reset(ta);
  }

  @Test
  void run_setsInsideChangeOnlyThatContext() throws Suspend {
    ContextVar<String> user = new ContextVar<>("user", "anonymous");
    Context ctx = Context.copyCurrent();
    ctx.run(() -> user.set("ada"));
    assertEquals("anonymous", user.get());
    assertEquals("ada", ctx.run(user::get));
    assertEquals("anonymous", Context.empty().run(user::get));
  }

  @Test
  void run_alreadyEntered_throwsIllegalState() throws Suspend {
    Context ctx = Context.copyCurrent();
    IllegalStateException e = ctx.run(() -> assertThrows(IllegalStateException.class, () -> ctx.run(() -> 1)));
    assertTrue(e.getMessage().contains("already entered"), e.getMessage());
  }

  // Context.run is instrumented: its body may suspend, and sees the context when resumed
  @Test
  void run_bodySuspends_resumesInside() {
    ContextVar<String> v = new ContextVar<>("v", "outside");
    StringBuilder seen = new StringBuilder();
    Context ctx = Context.copyCurrent();
    Continuation k = new Continuation(S, () -> ctx.run(() -> {
      v.set("inside");
      Continuation.suspend(S);
      seen.append(v.get());
      return null;
    }));
    k.run();
    k.run();
    assertTrue(k.isDone());
    assertEquals("inside", seen.toString());
    assertEquals("outside", v.get());
  }
}

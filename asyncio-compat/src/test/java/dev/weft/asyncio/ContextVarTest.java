package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.continuations.ContextVar;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextVarTest extends LoopFixture {
  static final ContextVar<String> USER = new ContextVar<>("user", "nobody");

  @Test // SEMANTICS A36, A19
  void task_runsInCopyOfCreatorsContext_setsInvisibleToOthers() {
    List<String> seen = new ArrayList<>();
    run(Asyncio.async(() -> {
      USER.set("parent");
      Task<Void> a = Asyncio.createTask(Asyncio.async(() -> {
        seen.add("a sees " + USER.get());
        USER.set("a");
        Asyncio.await(Asyncio.sleep(1));
        seen.add("a still " + USER.get());
        return null;
      }));
      Task<Void> b = Asyncio.createTask(Asyncio.async(() -> {
        USER.set("b");
        Asyncio.await(Asyncio.sleep(0.5));
        seen.add("b still " + USER.get());
        return null;
      }));
      USER.set("parent changed later");
      Asyncio.await(Asyncio.gather(a, b));
      seen.add("parent " + USER.get());
      return null;
    }));
    assertEquals(List.of("a sees parent", "b still b", "a still a", "parent parent changed later"), seen);
    assertEquals("nobody", USER.get());
  }

  @Test // SEMANTICS A19
  void run_mainTaskStartsWithCallersValues() {
    USER.set("caller");
    try {
      assertEquals("caller", run(Asyncio.async(USER::get)));
      assertEquals("caller", USER.get());
    } finally {
      USER.set("nobody");
    }
  }

  @Test // SEMANTICS A36
  void callback_runsInContextCurrentWhenScheduled() {
    List<String> seen = new ArrayList<>();
    run(Asyncio.async(() -> {
      USER.set("scheduler");
      loop.callSoon(() -> {
        seen.add(USER.get());
        USER.set("callback"); // changes the callback's copy only
      });
      USER.set("after scheduling");
      Asyncio.await(Asyncio.sleep(0));
      seen.add(USER.get());
      return null;
    }));
    assertEquals(List.of("scheduler", "after scheduling"), seen);
  }

  @Test // SEMANTICS AF6
  void doneCallback_runsInContextWhenAdded() {
    List<String> seen = new ArrayList<>();
    run(Asyncio.async(() -> {
      Future<String> f = loop.createFuture();
      USER.set("adder");
      f.addDoneCallback(x -> seen.add(USER.get()));
      USER.set("completer");
      f.setResult("v");
      Asyncio.await(Asyncio.sleep(0));
      return null;
    }));
    assertEquals(List.of("adder"), seen);
  }

  @Test // section 7: to_thread copies the context
  void toThread_seesTaskContext() {
    assertEquals("task value", run(Asyncio.async(() -> {
      USER.set("task value");
      return Asyncio.await(Asyncio.toThread(USER::get));
    })));
  }
}

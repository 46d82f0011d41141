package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.continuations.Context;
import dev.weft.continuations.ContextVar;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * #18: a ContextVar bound to thread-local state. SLF4J's MDC (a real one: Logback's) holds the
 * running task's request id while each of several interleaved tasks runs, nothing between their
 * steps, and the id reaches toThread and runInExecutor jobs.
 */
class ThreadBridgeTest extends LoopFixture {
  static final ContextVar<String> REQUEST_ID = new ContextVar<>("requestId");
  static final ContextVar<String> TRACE = new ContextVar<>("trace", "no-trace");
  static final ThreadLocal<String> TRACE_LOCAL = new ThreadLocal<>();

  static {
    REQUEST_ID.bindToThread(id -> {
      if (id == null) MDC.remove("requestId");
      else MDC.put("requestId", id);
    });
    TRACE.bindToThread(TRACE_LOCAL);
  }

  final List<String> seen = new CopyOnWriteArrayList<>();

  void log(String what) {
    seen.add(what + " mdc=" + MDC.get("requestId"));
  }

  Coroutine<String> handler(String id) {
    return Asyncio.async(() -> {
      REQUEST_ID.set(id);
      log(id + " start");
      Asyncio.await(Asyncio.sleep(0));
      log(id + " after sleep");
      String inThread = Asyncio.await(Asyncio.toThread(() -> MDC.get("requestId")));
      // runInExecutor carries the bound MDC, not the variable itself (CPython's context rule)
    String inExecutor = Asyncio.await(Asyncio.getRunningLoop().runInExecutor(null,
        () -> MDC.get("requestId") + "/" + REQUEST_ID.get(null)));
      log(id + " thread=" + inThread + " executor=" + inExecutor);
      return id;
    });
  }

  @Test
  void interleavedTasks_eachSeesItsOwnMdc_loopSeesNone_jobsCarryIt() {
    run(Asyncio.async(() -> {
      Task<String> a = Asyncio.createTask(handler("r-1"));
      Task<String> b = Asyncio.createTask(handler("r-2"));
      Asyncio.getRunningLoop().callSoon(() -> log("callback between steps"));
      Asyncio.await(Asyncio.gather(a, b));
      log("main after gather");
      return null;
    }));
    assertEquals(8, seen.size(), seen.toString());
    assertEquals(List.of(
        "r-1 start mdc=r-1",
        "r-2 start mdc=r-2",
        "callback between steps mdc=null",
        "r-1 after sleep mdc=r-1",
        "r-2 after sleep mdc=r-2"), seen.subList(0, 5));
    // the two jobs run on executor threads: either task may resume first
    assertEquals(java.util.Set.of(
        "r-1 thread=r-1 executor=r-1/null mdc=r-1",
        "r-2 thread=r-2 executor=r-2/null mdc=r-2"), java.util.Set.copyOf(seen.subList(5, 7)));
    assertEquals("main after gather mdc=null", seen.get(7));
    assertNull(MDC.get("requestId"), "nothing left behind on the test thread");
  }

  @Test
  void setResetAndContextRun_keepTheThreadLocalInStep() {
    List<String> states = run(Asyncio.async(() -> {
      List<String> out = new java.util.ArrayList<>();
      out.add(TRACE_LOCAL.get()); // the task's context has no value: the default is pushed
      ContextVar.Token<String> t = TRACE.set("t-1");
      out.add(TRACE_LOCAL.get());
      out.add(Context.empty().run(() -> {
        String before = TRACE_LOCAL.get();
        TRACE.set("t-2");
        return before + "," + TRACE_LOCAL.get();
      }));
      out.add(TRACE_LOCAL.get()); // back in the task's context
      TRACE.reset(t);
      out.add(TRACE_LOCAL.get());
      return out;
    }));
    assertEquals(List.of("no-trace", "t-1", "no-trace,t-2", "t-1", "no-trace"), states);
    assertThrows(IllegalStateException.class, () -> TRACE.bindToThread(TRACE_LOCAL));
  }
}

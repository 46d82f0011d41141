package dev.weft.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Task;
import dev.weft.continuations.Suspend;
import dev.weft.junit.fixtures.FailingAsyncio;
import org.junit.jupiter.api.TestInfo;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

class AsyncioTestTest {
  static String greet(String who) throws Suspend {
    Asyncio.await(Asyncio.sleep(0.001));
    return "hello " + who;
  }

  @AsyncioTest
  void body_isTheMainCoroutine() throws Suspend {
    Task<String> t = Asyncio.createTask(Asyncio.async(() -> greet("task")), "t");
    assertEquals("hello direct", greet("direct"));
    assertEquals("hello task", Asyncio.await(t));
  }

  @AsyncioTest(virtualTime = true)
  void virtualTime_sleepsAnHourAtOnce() throws Suspend {
    long t0 = System.nanoTime();
    Asyncio.await(Asyncio.sleep(3600));
    assertEquals(3600.0, Asyncio.getRunningLoop().time());
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
  }

  @AsyncioTest
  void parameters_areResolvedAsForAnyTest(TestInfo info) throws Suspend {
    Asyncio.await(Asyncio.sleep(0));
    assertEquals("parameters_areResolvedAsForAnyTest(TestInfo)", info.getDisplayName());
  }

  @AsyncioTest
  void aFreshLoopEachTime() {
    assertEquals(0, Asyncio.allTasks().size() - 1, "only the main task runs on a fresh loop");
  }

  /** A failure after a suspension fails the test with that very exception. */
  @org.junit.jupiter.api.Test
  void aFailingBody_failsTheTest_withItsException() {
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(FailingAsyncio.class)).build(), summary);
    TestExecutionSummary s = summary.getSummary();
    assertEquals(1, s.getTestsFailedCount());
    Throwable e = s.getFailures().get(0).getException();
    assertEquals(org.opentest4j.AssertionFailedError.class, e.getClass(), String.valueOf(e));
    assertTrue(e.getMessage().contains("after the sleep"), e.getMessage());
  }
}

package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Suspend;
import dev.weft.generators.Generator;
import dev.weft.testing.Gc;
import dev.weft.testing.SourceLines;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue #16: debug mode's "created at" stacks (never-awaited coroutines, never-retrieved tasks)
 * are the same exact logical stacks as exception traces: made after a suspension three calls deep,
 * they name those callers at their call sites, then the task awaiting this one, then the test.
 */
class CreationStackTest extends LoopFixture {
  /*
   * The report of this class's own coroutine: one that an earlier test class left unawaited (with
   * no creation stack, out of debug mode) may be collected, and reported, during these tests.
   */
  static final String OURS = "CreationStackTest.<lambda>' was never awaited";

  static int line(String marker) {
    return SourceLines.of(CreationStackTest.class, marker);
  }

  static List<String> frames(Throwable t) {
    return SourceLines.frames(t, CreationStackTest.class);
  }

  static void makesCoroutine() throws Suspend {
    Asyncio.await(Asyncio.sleep(1)); // the callers below are saved records from here on
    Asyncio.async(() -> "forgotten"); // @line makeCoroutine
  }

  static void makesFailingTask() throws Suspend {
    Asyncio.await(Asyncio.sleep(1));
    Asyncio.createTask(Asyncio.async(() -> { // @line makeTask
      throw new IllegalStateException("never retrieved");
    }));
    Asyncio.await(Asyncio.sleep(1)); // lets the task fail while nobody looks
  }

  static void middle(boolean task) throws Suspend {
    if (task) {
      makesFailingTask(); // @line middleTask
    } else {
      makesCoroutine(); // @line middleCoroutine
    }
  }

  static void outer(boolean task) throws Suspend {
    middle(task); // @line outer
  }

  static Object awaitsChild(Task<Object> child) throws Suspend {
    return Asyncio.await(child); // @line awaitsChild
  }

  /* main -> awaitsChild(child task) ; child task: lambda -> outer -> middle -> makes... */
  void runInChildTask(boolean task) {
    run(Asyncio.async(() -> { // @line runMain
      Task<Object> child = Asyncio.createTask(Asyncio.async(() -> { // @line childTask
        outer(task); // @line childBody
        return null;
      }));
      return awaitsChild(child); // @line mainBody
    }));
  }

  static List<String> expected(String made, String middle, String test) {
    return List.of(made, middle, "CreationStackTest.outer:" + line("outer"),
        "CreationStackTest.lambda$runInChildTask:" + line("childBody"),
        "CreationStackTest.awaitsChild:" + line("awaitsChild"),
        "CreationStackTest.lambda$runInChildTask:" + line("mainBody"),
        "CreationStackTest.runInChildTask:" + line("runMain"), "CreationStackTest." + test + ":" + line(test));
  }

  static void noRuntimeFrames(Throwable t) {
    for (StackTraceElement e : t.getStackTrace()) {
      String c = e.getClassName();
      String m = e.getMethodName();
      assertTrue(!m.contains("$weft") && !m.equals("weft$resume"), e.toString());
      assertTrue(!c.startsWith("dev.weft.continuations.") && !c.startsWith("dev.weft.asyncio.internal"), e.toString());
      assertTrue(!c.equals(Task.class.getName()) && !c.equals(EventLoop.class.getName()) && !c.equals(Coroutine.class.getName())
          && !c.equals(Future.class.getName()) && !c.equals(Asyncio.class.getName()) && !c.equals(CreationStacks.class.getName()), e.toString());
    }
  }

  @Test
  void neverAwaitedCoroutine_createdAtIsTheLogicalChainThenTheAwaitingTask() {
    try (LogCapture log = LogCapture.start()) {
      loop.setDebug(true);
      runInChildTask(false); // @line neverAwaitedCoroutine_createdAtIsTheLogicalChainThenTheAwaitingTask
      Gc.untilReported(() -> log.count(OURS) > 0);
      LogRecord r = log.records.stream().filter(x -> x.getMessage().contains(OURS)).findFirst().orElseThrow();
      Throwable createdAt = r.getThrown();
      assertNotNull(createdAt, "debug mode attaches the creation stack");
      assertEquals("created at", createdAt.getMessage());
      List<String> f = frames(createdAt);
      assertEquals(expected("CreationStackTest.makesCoroutine:" + line("makeCoroutine"),
          "CreationStackTest.middle:" + line("middleCoroutine"), "neverAwaitedCoroutine_createdAtIsTheLogicalChainThenTheAwaitingTask"), f);
      // the creating frame is the top of the trace: nothing of the runtime above it
      assertEquals(CreationStackTest.class.getName(), createdAt.getStackTrace()[0].getClassName());
      noRuntimeFrames(createdAt);
    }
  }

  @Test
  void neverRetrievedTask_sourceTracebackIsTheLogicalChainThenTheAwaitingTask() {
    loop.setDebug(true);
    runInChildTask(true); // @line neverRetrievedTask_sourceTracebackIsTheLogicalChainThenTheAwaitingTask
    Gc.untilReported(() -> reports.stream().anyMatch(r -> r.containsKey("source_traceback")));
    Map<String, Object> report = reports.stream().filter(r -> r.containsKey("source_traceback")).findFirst().orElseThrow();
    assertTrue(String.valueOf(report.get("message")).contains("Task exception was never retrieved"), report.toString());
    Throwable createdAt = assertInstanceOf(Throwable.class, report.get("source_traceback"));
    assertEquals(expected("CreationStackTest.makesFailingTask:" + line("makeTask"),
        "CreationStackTest.middle:" + line("middleTask"), "neverRetrievedTask_sourceTracebackIsTheLogicalChainThenTheAwaitingTask"), frames(createdAt));
    assertEquals(CreationStackTest.class.getName(), createdAt.getStackTrace()[0].getClassName());
    noRuntimeFrames(createdAt);
  }

  static void makesInGenerator() throws Suspend {
    Generator<String, Object, Void> gen = Generator.of(y -> {
      y.yield("first");
      Asyncio.async(() -> "forgotten in a generator"); // @line genMake
      y.yield("second");
    });
    gen.next();
    Asyncio.await(Asyncio.sleep(1));
    gen.next(); // @line genNext
  }

  @Test
  void coroutineMadeInAGeneratorBodyInsideATask_namesTheConsumerAndTheTasksCallers() {
    try (LogCapture log = LogCapture.start()) {
      loop.setDebug(true);
      run(Asyncio.async(() -> { // @line genRun
        makesInGenerator(); // @line genTask
        return null;
      }));
      Gc.untilReported(() -> log.count(OURS) > 0);
      Throwable createdAt = log.records.stream().filter(x -> x.getMessage().contains(OURS)).findFirst().orElseThrow().getThrown();
      assertEquals(List.of("CreationStackTest.lambda$makesInGenerator:" + line("genMake"),
          "CreationStackTest.makesInGenerator:" + line("genNext"),
          "CreationStackTest.lambda$coroutineMadeInAGeneratorBodyInsideATask_namesTheConsumerAndTheTasksCallers:" + line("genTask"),
          "CreationStackTest.coroutineMadeInAGeneratorBodyInsideATask_namesTheConsumerAndTheTasksCallers:" + line("genRun")),
          frames(createdAt));
      noRuntimeFrames(createdAt);
    }
  }
}

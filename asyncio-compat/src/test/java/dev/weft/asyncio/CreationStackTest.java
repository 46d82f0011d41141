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
import java.util.Optional;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue #16: debug mode's "created at" stacks (never-awaited coroutines, never-retrieved tasks)
 * are the same exact logical stacks as exception traces: made after a suspension three calls deep,
 * they name those callers at their call sites, then the task awaiting this one, then the test.
 */
class CreationStackTest extends LoopFixture {
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

  /*
   * The report this test caused, picked by the method that made the coroutine or task: a
   * coroutine of an earlier test in this JVM, collected only now, may be reported first (the
   * collector, not the test, decides when), and taking the first report made this test flaky.
   */
  static Optional<LogRecord> neverAwaitedMadeIn(LogCapture log, String maker) {
    return log.records.stream().filter(x -> x.getMessage().contains("was never awaited") && madeIn(x.getThrown(), maker)).findFirst();
  }

  static Optional<Map<String, Object>> neverRetrievedMadeIn(List<Map<String, Object>> reports, String maker) {
    return reports.stream().filter(r -> r.get("source_traceback") instanceof Throwable t && madeIn(t, maker)).findFirst();
  }

  static boolean madeIn(Throwable createdAt, String maker) {
    // A report without a stack is not this test's (it runs in debug mode): an earlier test's
    // coroutine, made without debug and collected late, must not be taken for it. Had this test's
    // report no stack, no report would match and the wait for it fails, naming the reports seen.
    if (createdAt == null) return false;
    StackTraceElement[] st = createdAt.getStackTrace();
    return st.length > 0 && st[0].getMethodName().startsWith(maker);
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
      assertTrue(Gc.untilReported(() -> neverAwaitedMadeIn(log, "makesCoroutine").isPresent()), "no never-awaited report: " + log.messages());
      LogRecord r = neverAwaitedMadeIn(log, "makesCoroutine").orElseThrow();
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
    assertTrue(Gc.untilReported(() -> neverRetrievedMadeIn(reports, "makesFailingTask").isPresent()), "no never-retrieved report: " + reports);
    Map<String, Object> report = neverRetrievedMadeIn(reports, "makesFailingTask").orElseThrow();
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
      assertTrue(Gc.untilReported(() -> neverAwaitedMadeIn(log, "lambda$makesInGenerator").isPresent()), "no never-awaited report: " + log.messages());
      Throwable createdAt = neverAwaitedMadeIn(log, "lambda$makesInGenerator").orElseThrow().getThrown();
      assertEquals(List.of("CreationStackTest.lambda$makesInGenerator:" + line("genMake"),
          "CreationStackTest.makesInGenerator:" + line("genNext"),
          "CreationStackTest.lambda$coroutineMadeInAGeneratorBodyInsideATask_namesTheConsumerAndTheTasksCallers:" + line("genTask"),
          "CreationStackTest.coroutineMadeInAGeneratorBodyInsideATask_namesTheConsumerAndTheTasksCallers:" + line("genRun")),
          frames(createdAt));
      noRuntimeFrames(createdAt);
    }
  }
}

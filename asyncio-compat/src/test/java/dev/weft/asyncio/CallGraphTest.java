package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Suspend;
import dev.weft.testing.SourceLines;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Issue #16: CPython 3.14's capture_call_graph / format_call_graph over tasks, gather, TaskGroup and shield. */
class CallGraphTest extends LoopFixture {
  static int line(String marker) {
    return SourceLines.of(CallGraphTest.class, marker);
  }

  static StackTraceElement at(String method, String marker) {
    return new StackTraceElement(CallGraphTest.class.getName(), method, "CallGraphTest.java", line(marker));
  }

  static String id(Future<?> f) {
    return "0x" + Integer.toHexString(System.identityHashCode(f));
  }

  static <T> T leaf(Future<T> gate) throws Suspend {
    return Asyncio.await(gate); // @line leafAwait
  }

  static <T> T middle(Task<T> leafTask) throws Suspend {
    return Asyncio.await(leafTask); // @line middleAwait
  }

  @Test
  void taskAwaitedByTaskAwaitedByMain() {
    AtomicReference<FutureCallGraph> graph = new AtomicReference<>();
    AtomicReference<String> text = new AtomicReference<>();
    AtomicReference<Task<?>> mainTask = new AtomicReference<>();
    AtomicReference<Task<?>> leafRef = new AtomicReference<>(), middleRef = new AtomicReference<>();
    run(Asyncio.async(() -> {
      mainTask.set(Asyncio.currentTask());
      Future<String> gate = Asyncio.getRunningLoop().createFuture();
      Task<String> leafTask = Asyncio.createTask(Asyncio.async(() -> leaf(gate)), "leaf");
      Task<String> middleTask = Asyncio.createTask(Asyncio.async(() -> middle(leafTask)), "middle");
      leafRef.set(leafTask);
      middleRef.set(middleTask);
      Asyncio.createTask(Asyncio.async(() -> {
        Asyncio.await(Asyncio.sleep(0));
        graph.set(Asyncio.captureCallGraph(leafTask));
        text.set(Asyncio.formatCallGraph(leafTask));
        gate.setResult("done");
        return null;
      }), "probe");
      return Asyncio.await(middleTask); // @line mainAwait
    }));
    FutureCallGraph g = graph.get();
    assertSame(leafRef.get(), g.future());
    assertEquals(at("leaf", "leafAwait"), g.callStack().get(0));
    assertEquals(1, g.awaitedBy().size());
    FutureCallGraph m = g.awaitedBy().get(0);
    assertSame(middleRef.get(), m.future());
    assertEquals(at("middle", "middleAwait"), m.callStack().get(0));
    assertEquals(1, m.awaitedBy().size());
    FutureCallGraph root = m.awaitedBy().get(0);
    assertSame(mainTask.get(), root.future());
    // javac numbers lambdas differently across versions: take the number from the frame, check the rest
    String mainLambda = root.callStack().get(0).getMethodName();
    assertTrue(mainLambda.startsWith("lambda$taskAwaitedByTaskAwaitedByMain$"), mainLambda);
    assertEquals(at(mainLambda, "mainAwait"), root.callStack().get(0));
    assertEquals(List.of(), root.awaitedBy());

    String expected = String.join("\n",
        "* Task(name='leaf', id=" + id(leafRef.get()) + ")",
        "+ Call stack:",
        "|   at " + at("leaf", "leafAwait"),
        "|   at " + g.callStack().get(1),
        "+ Awaited by:",
        "    * Task(name='middle', id=" + id(middleRef.get()) + ")",
        "    + Call stack:",
        "    |   at " + at("middle", "middleAwait"),
        "    |   at " + m.callStack().get(1),
        "    + Awaited by:",
        "        * Task(name='" + mainTask.get().getName() + "', id=" + id(mainTask.get()) + ")",
        "        + Call stack:",
        "        |   at " + at(mainLambda, "mainAwait"));
    assertEquals(2, g.callStack().size(), g.callStack().toString());
    assertEquals(2, m.callStack().size(), m.callStack().toString());
    assertEquals(1, root.callStack().size(), root.callStack().toString());
    assertEquals(expected, text.get());
  }

  @Test
  void currentTask_stackIsWhereTheCaptureIsCalled() {
    AtomicReference<FutureCallGraph> graph = new AtomicReference<>();
    run(Asyncio.async(() -> {
      Asyncio.await(Asyncio.sleep(0));
      graph.set(Asyncio.captureCallGraph(null)); // @line captureHere
      return null;
    }));
    String lambda = graph.get().callStack().get(0).getMethodName();
    assertTrue(lambda.startsWith("lambda$currentTask_stackIsWhereTheCaptureIsCalled$"), lambda);
    assertEquals(at(lambda, "captureHere"), graph.get().callStack().get(0));
    assertEquals(1, graph.get().callStack().size(), graph.get().callStack().toString());
  }

  @Test
  void outsideATask_nullGraphAndEmptyText() {
    AtomicReference<Object> seen = new AtomicReference<>("unset");
    loop.callSoon(() -> {
      seen.set(Asyncio.captureCallGraph(null));
      loop.stop();
    });
    loop.runForever();
    assertNull(seen.get());
  }

  @Test
  void gatherOfTwo_childrenAwaitedByTheGatherAwaitedByMain() {
    AtomicReference<FutureCallGraph> graph = new AtomicReference<>();
    AtomicReference<String> text = new AtomicReference<>();
    AtomicReference<Task<?>> mainTask = new AtomicReference<>();
    run(Asyncio.async(() -> {
      mainTask.set(Asyncio.currentTask());
      Future<String> gate = Asyncio.getRunningLoop().createFuture();
      Task<String> a = Asyncio.createTask(Asyncio.async(() -> leaf(gate)), "a");
      Task<String> b = Asyncio.createTask(Asyncio.async(() -> leaf(gate)), "b");
      Future<List<Object>> all = Asyncio.gather(a, b);
      Asyncio.createTask(Asyncio.async(() -> {
        Asyncio.await(Asyncio.sleep(0));
        graph.set(Asyncio.captureCallGraph(b));
        text.set(Asyncio.formatCallGraph(b));
        gate.setResult("x");
        return null;
      }));
      return Asyncio.await(all);
    }));
    FutureCallGraph g = graph.get();
    assertEquals(at("leaf", "leafAwait"), g.callStack().get(0));
    FutureCallGraph gather = g.awaitedBy().get(0);
    assertTrue(gather.future() instanceof GatheringFuture);
    assertEquals(List.of(), gather.callStack());
    assertEquals(mainTask.get(), gather.awaitedBy().get(0).future());
    String[] lines = text.get().split("\n");
    assertTrue(lines[0].startsWith("* Task(name='b', id=0x"), text.get());
    assertTrue(text.get().contains("\n+ Awaited by:\n    * Future(id=" + id(gather.future()) + ")\n    + Awaited by:\n        * Task(name='"
        + mainTask.get().getName() + "'"), text.get());
  }

  @Test
  void taskGroupChild_awaitedByTheGroupsParentTask() {
    AtomicReference<FutureCallGraph> graph = new AtomicReference<>();
    AtomicReference<Task<?>> mainTask = new AtomicReference<>();
    run(Asyncio.async(() -> {
      mainTask.set(Asyncio.currentTask());
      Future<String> gate = Asyncio.getRunningLoop().createFuture();
      return Asyncio.await(TaskGroup.run(tg -> {
        Task<String> child = tg.createTask(Asyncio.async(() -> leaf(gate)), "child");
        tg.createTask(Asyncio.async(() -> {
          Asyncio.await(Asyncio.sleep(0));
          graph.set(Asyncio.captureCallGraph(child));
          gate.setResult("x");
          return null;
        }), "probe");
        return null;
      }));
    }));
    FutureCallGraph g = graph.get();
    assertEquals("child", ((Task<?>) g.future()).getName());
    assertEquals(1, g.awaitedBy().size());
    assertSame(mainTask.get(), g.awaitedBy().get(0).future());
  }

  @Test
  void shield_innerAwaitedByTheOuterAwaitedByTheTask() {
    AtomicReference<FutureCallGraph> graph = new AtomicReference<>();
    AtomicReference<Task<?>> mainTask = new AtomicReference<>();
    run(Asyncio.async(() -> {
      mainTask.set(Asyncio.currentTask());
      Future<String> gate = Asyncio.getRunningLoop().createFuture();
      Task<String> inner = Asyncio.createTask(Asyncio.async(() -> leaf(gate)), "inner");
      Asyncio.createTask(Asyncio.async(() -> {
        Asyncio.await(Asyncio.sleep(0));
        graph.set(Asyncio.captureCallGraph(inner));
        gate.setResult("x");
        return null;
      }));
      return Asyncio.await(Asyncio.shield(inner));
    }));
    FutureCallGraph outer = graph.get().awaitedBy().get(0);
    assertEquals(Future.class, outer.future().getClass());
    assertSame(mainTask.get(), outer.awaitedBy().get(0).future());
  }

  /*
   * Runs `waits` as the main task's body, with a task "leaf" waiting on a gate; a probe task
   * captures leaf's graph after one iteration, then opens the gate. Returns the graph.
   */
  FutureCallGraph graphOfLeafWhile(java.util.function.Function<Task<String>, SuspendableCall> waits, AtomicReference<Task<?>> mainTask) {
    AtomicReference<FutureCallGraph> graph = new AtomicReference<>();
    run(Asyncio.async(() -> {
      mainTask.set(Asyncio.currentTask());
      Future<String> gate = Asyncio.getRunningLoop().createFuture();
      Task<String> leafTask = Asyncio.createTask(Asyncio.async(() -> leaf(gate)), "leaf");
      Asyncio.createTask(Asyncio.async(() -> {
        Asyncio.await(Asyncio.sleep(0));
        graph.set(Asyncio.captureCallGraph(leafTask));
        gate.setResult("x");
        return null;
      }), "probe");
      return waits.apply(leafTask).call();
    }));
    return graph.get();
  }

  @FunctionalInterface
  interface SuspendableCall {
    Object call() throws Suspend;
  }

  /* The one awaiter of the leaf is the main task, waiting at `marker` in `method`. */
  static void awaitedByMainAt(FutureCallGraph leafGraph, Task<?> main, String method, String marker) {
    assertEquals(at("leaf", "leafAwait"), leafGraph.callStack().get(0));
    assertEquals(1, leafGraph.awaitedBy().size(), leafGraph.toString());
    FutureCallGraph m = leafGraph.awaitedBy().get(0);
    assertSame(main, m.future());
    assertEquals(at(method, marker), m.callStack().get(0), m.callStack().toString());
    assertEquals(List.of(), m.awaitedBy());
  }

  static Object waitsThroughWait(Task<String> t) throws Suspend {
    return Asyncio.await(Asyncio.wait(List.of(t))); // @line viaWait
  }

  @Test
  void wait_theFuturesAreAwaitedByTheWaitingTask() {
    AtomicReference<Task<?>> main = new AtomicReference<>();
    FutureCallGraph g = graphOfLeafWhile(t -> () -> waitsThroughWait(t), main);
    awaitedByMainAt(g, main.get(), "waitsThroughWait", "viaWait");
  }

  @Test
  void wait_afterItReturns_noLongerAnAwaiter() {
    AtomicReference<FutureCallGraph> after = new AtomicReference<>();
    run(Asyncio.async(() -> {
      Future<String> gate = Asyncio.getRunningLoop().createFuture();
      Task<String> slow = Asyncio.createTask(Asyncio.async(() -> leaf(gate)), "slow");
      Asyncio.await(Asyncio.wait(List.of(slow), 0.01, ReturnWhen.ALL_COMPLETED)); // times out: slow is pending
      after.set(Asyncio.captureCallGraph(slow));
      gate.setResult("x");
      return Asyncio.await(slow);
    }));
    assertEquals(List.of(), after.get().awaitedBy());
  }

  static Object waitsThroughWaitFor(Task<String> t) throws Suspend {
    return Asyncio.await(Asyncio.waitFor(t, 30.0)); // @line viaWaitFor
  }

  @Test
  void waitFor_theTaskIsAwaitedByTheWaitingTask() {
    AtomicReference<Task<?>> main = new AtomicReference<>();
    FutureCallGraph g = graphOfLeafWhile(t -> () -> waitsThroughWaitFor(t), main);
    FutureCallGraph m = g.awaitedBy().get(0);
    assertSame(main.get(), m.future());
    // the await inside wait_for's timeout block, then the call of waitFor: both are the user's lines
    assertTrue(m.callStack().contains(at("waitsThroughWaitFor", "viaWaitFor")), m.callStack().toString());
    assertEquals(1, g.awaitedBy().size());
    noRuntimeFrames(m.callStack());
  }

  static Object waitsInATimeoutBlock(Task<String> t) throws Suspend {
    return Asyncio.await(Asyncio.timeout(30.0, () -> { // @line timeoutBlock
      return Asyncio.await(t); // @line inTimeout
    }));
  }

  @Test
  void timeoutBlock_theTaskIsAwaitedByTheTaskRunningTheBlock() {
    AtomicReference<Task<?>> main = new AtomicReference<>();
    FutureCallGraph g = graphOfLeafWhile(t -> () -> waitsInATimeoutBlock(t), main);
    assertEquals(1, g.awaitedBy().size(), g.toString());
    FutureCallGraph m = g.awaitedBy().get(0);
    assertSame(main.get(), m.future());
    List<StackTraceElement> stack = m.callStack();
    String lambda = stack.get(0).getMethodName();
    assertTrue(lambda.startsWith("lambda$waitsInATimeoutBlock$"), stack.toString());
    assertEquals(List.of(at(lambda, "inTimeout"), at("waitsInATimeoutBlock", "timeoutBlock")), stack.subList(0, 2));
    noRuntimeFrames(stack);
  }

  static Object waitsThroughAsCompleted(Task<String> t) throws Suspend {
    List<Object> out = new java.util.ArrayList<>();
    Asyncio.await(Asyncio.forEach(Asyncio.asCompleted(List.of(t), null), f -> out.add(f.result()))); // @line viaAsCompleted
    return out;
  }

  @Test
  void asCompleted_theFuturesLeftAreAwaitedByTheTaskWaitingForTheNext() {
    AtomicReference<Task<?>> main = new AtomicReference<>();
    FutureCallGraph g = graphOfLeafWhile(t -> () -> waitsThroughAsCompleted(t), main);
    awaitedByMainAt(g, main.get(), "waitsThroughAsCompleted", "viaAsCompleted");
  }

  static void noRuntimeFrames(List<StackTraceElement> stack) {
    for (StackTraceElement e : stack) {
      String c = e.getClassName();
      assertTrue(!c.startsWith("dev.weft.continuations.") && !c.startsWith("dev.weft.asyncio.internal")
          && !e.getMethodName().contains("$weft") && !e.getMethodName().equals("weft$resume"), e.toString());
      assertTrue(!c.equals(Waits.class.getName()) && !c.equals(Timeout.class.getName()) && !c.equals(Asyncio.class.getName())
          && !c.equals(AsCompleted.class.getName()) && !c.equals(Task.class.getName()), e.toString());
    }
  }

  static String capturesInGenerator() throws Suspend {
    dev.weft.generators.Generator<FutureCallGraph, Object, Void> gen = dev.weft.generators.Generator.of(y -> {
      y.yield(null);
      y.yield(Asyncio.captureCallGraph(null)); // @line genCapture
    });
    gen.next();
    Asyncio.await(Asyncio.sleep(0));
    return gen.next().callStack().toString(); // @line genNextCapture
  }

  static String capturesTwoDeep() throws Suspend {
    Asyncio.await(Asyncio.sleep(0)); // from here on this frame's caller is a saved record
    return capturesInGenerator(); // @line genTwoDeep
  }

  @Test
  void currentTask_fromAGeneratorBodyInsideTheTask_theWholeChainDownToTheTasksBody() {
    AtomicReference<String> seen = new AtomicReference<>();
    run(Asyncio.async(() -> {
      seen.set(capturesTwoDeep()); // @line genTaskBody
      return null;
    }));
    String stack = seen.get();
    String lambda = "lambda$capturesInGenerator$";
    String body = "lambda$currentTask_fromAGeneratorBodyInsideTheTask_theWholeChainDownToTheTasksBody$";
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\d+\\(").matcher(stack);
    assertEquals("[" + String.join(", ",
        CallGraphTest.class.getName() + "." + lambda + "N(CallGraphTest.java:" + line("genCapture") + ")",
        CallGraphTest.class.getName() + ".capturesInGenerator(CallGraphTest.java:" + line("genNextCapture") + ")",
        CallGraphTest.class.getName() + ".capturesTwoDeep(CallGraphTest.java:" + line("genTwoDeep") + ")",
        CallGraphTest.class.getName() + "." + body + "N(CallGraphTest.java:" + line("genTaskBody") + ")") + "]",
        m.replaceAll("\\$N("));
  }

  static String capturesInSpawnedCode() throws Suspend {
    Asyncio.awaitOnly(Asyncio.sleep(0)); // suspends the task through the greenlet
    return Asyncio.captureCallGraph(null).callStack().toString(); // @line spawnCapture
  }

  static String syncStyleQuery() throws Suspend {
    String s = capturesInSpawnedCode(); // @line spawnQuery
    return s;
  }

  @Test
  void currentTask_fromGreenletSpawnCodeAfterAnAwaitOnly_theSyncStyleFramesThenTheTasks() {
    Object seen = run(Asyncio.async(() -> {
      Object r = Asyncio.await(Asyncio.greenletSpawn(args -> syncStyleQuery())); // @line spawnTask
      return r;
    }));
    String body = "lambda$currentTask_fromGreenletSpawnCodeAfterAnAwaitOnly_theSyncStyleFramesThenTheTasks$";
    String stack = java.util.regex.Pattern.compile("\\$\\d+\\(").matcher(String.valueOf(seen)).replaceAll("\\$N(");
    assertEquals("[" + String.join(", ",
        CallGraphTest.class.getName() + ".capturesInSpawnedCode(CallGraphTest.java:" + line("spawnCapture") + ")",
        CallGraphTest.class.getName() + ".syncStyleQuery(CallGraphTest.java:" + line("spawnQuery") + ")",
        CallGraphTest.class.getName() + "." + body + "N(CallGraphTest.java:" + line("spawnTask") + ")",
        CallGraphTest.class.getName() + "." + body + "N(CallGraphTest.java:" + line("spawnTask") + ")") + "]",
        stack);
  }
}

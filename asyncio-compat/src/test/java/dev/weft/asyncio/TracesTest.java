package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Suspend;
import dev.weft.generators.Generator;
import dev.weft.greenlet.Greenlet;
import dev.weft.testing.SourceLines;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #16: exceptions thrown after a suspension read as Python's tracebacks do: the frame that
 * threw, then each logical caller with the line of its call, across awaits of tasks, gather,
 * TaskGroup, generator bodies, greenlets and the greenletSpawn bridge; no runtime frames.
 */
class TracesTest extends LoopFixture {
  static int line(String marker) {
    return SourceLines.of(TracesTest.class, marker);
  }

  static List<String> frames(Throwable t) {
    return SourceLines.frames(t, TracesTest.class);
  }

  static void noRuntimeFrames(Throwable t) {
    StackTraceElement[] trace = t.getStackTrace();
    for (StackTraceElement e : trace) {
      String c = e.getClassName();
      assertFalse(e.getMethodName().contains("$weft") || e.getMethodName().equals("weft$resume"), e.toString());
      assertFalse(c.startsWith("dev.weft.continuations.internal") || c.startsWith("dev.weft.asyncio.internal"), e.toString());
      assertFalse(c.equals(Task.class.getName()) || c.equals(EventLoop.class.getName()) || c.equals(Handle.class.getName()), e.toString());
    }
  }

  static int parseConfig(String s) throws Suspend {
    Asyncio.await(Asyncio.sleep(1));
    return Integer.parseInt(s); // @line parseConfig
  }

  static int loadConfig() throws Suspend {
    int v = parseConfig("not-a-number"); // @line loadConfig
    return v + 1;
  }

  static int handler() throws Suspend {
    return loadConfig(); // @line handler
  }

  @Test
  void directSuspendableCalls_mainHandlerLoadParse() {
    NumberFormatException e = assertThrows(NumberFormatException.class, () -> run(Asyncio.async(() -> handler()))); // @line runHandler
    List<String> f = frames(e);
    assertEquals(List.of("TracesTest.parseConfig:" + line("parseConfig"), "TracesTest.loadConfig:" + line("loadConfig"),
        "TracesTest.handler:" + line("handler"), "TracesTest.lambda$directSuspendableCalls_mainHandlerLoadParse:" + line("runHandler")),
        f.subList(0, 4));
    assertTrue(f.contains("TracesTest.directSuspendableCalls_mainHandlerLoadParse:" + line("runHandler")), f.toString());
    noRuntimeFrames(e);
  }

  static int parent(Task<Integer> child) throws Suspend {
    return Asyncio.await(child) * 2; // @line parentAwait
  }

  @Test
  void taskAwaitedByTask_awaitedFramesThenTheAwaiters() {
    NumberFormatException e = assertThrows(NumberFormatException.class, () -> run(Asyncio.async(() -> {
      Task<Integer> child = Asyncio.createTask(Asyncio.async(() -> loadConfig())); // @line childBody
      return parent(child); // @line parentCall
    })));
    List<String> f = frames(e);
    assertEquals(List.of("TracesTest.parseConfig:" + line("parseConfig"), "TracesTest.loadConfig:" + line("loadConfig"),
        "TracesTest.lambda$taskAwaitedByTask_awaitedFramesThenTheAwaiters:" + line("childBody"),
        "TracesTest.parent:" + line("parentAwait"),
        "TracesTest.lambda$taskAwaitedByTask_awaitedFramesThenTheAwaiters:" + line("parentCall")),
        f.subList(0, 5));
    noRuntimeFrames(e);
  }

  @Test
  void gather_childFramesThenTheGatherAwaiter() {
    NumberFormatException e = assertThrows(NumberFormatException.class, () -> run(Asyncio.async(() -> {
      return Asyncio.await(Asyncio.gather(Asyncio.sleep(0.5), Asyncio.async(() -> loadConfig()))); // @line gather
    })));
    List<String> f = frames(e);
    assertEquals(List.of("TracesTest.parseConfig:" + line("parseConfig"), "TracesTest.loadConfig:" + line("loadConfig")), f.subList(0, 2));
    assertTrue(f.contains("TracesTest.lambda$gather_childFramesThenTheGatherAwaiter:" + line("gather")), f.toString());
    noRuntimeFrames(e);
  }

  static String genStep2(int i) throws Suspend {
    if (i == 2) throw new IllegalStateException("row " + i); // @line genThrow
    return "row" + i;
  }

  static String genStep1(int i) throws Suspend {
    return genStep2(i); // @line genStep1
  }

  @Test
  void generatorBodyTwoCallsDeepAfterYields_thenItsConsumer() {
    Generator<String, Object, Void> rows = Generator.of(y -> {
      for (int i = 0; ; i++) y.yield(genStep1(i)); // @line genBody
    });
    rows.next();
    rows.next();
    IllegalStateException e = assertThrows(IllegalStateException.class, rows::next); // @line genConsumer
    List<String> f = frames(e);
    assertEquals(List.of("TracesTest.genStep2:" + line("genThrow"), "TracesTest.genStep1:" + line("genStep1"),
        "TracesTest.lambda$generatorBodyTwoCallsDeepAfterYields_thenItsConsumer:" + line("genBody")), f.subList(0, 3));
    noRuntimeFrames(e);
    assertTrue(f.stream().anyMatch(s -> s.startsWith("TracesTest.generatorBodyTwoCallsDeepAfterYields_thenItsConsumer:")), f.toString());
  }

  static void switchesThenFails(Greenlet main) throws Suspend {
    main.switchTo("away"); // @line glSwitch
    throw new IllegalArgumentException("after the switch back"); // @line glThrow
  }

  static void glHelper(Greenlet main) throws Suspend {
    switchesThenFails(main); // @line glHelper
  }

  @Test
  void greenletSwitchedAwayAndBack_thenTheSwitcher() throws Suspend {
    Greenlet main = Greenlet.current();
    Greenlet g = new Greenlet(args -> {
      glHelper(main); // @line glBody
      return null;
    });
    assertEquals("away", g.switchTo());
    IllegalArgumentException e = null;
    try {
      g.switchTo(); // @line glResume
    } catch (IllegalArgumentException caught) {
      e = caught;
    }
    List<String> f = frames(e);
    assertEquals(List.of("TracesTest.switchesThenFails:" + line("glThrow"), "TracesTest.glHelper:" + line("glHelper"),
        "TracesTest.lambda$greenletSwitchedAwayAndBack_thenTheSwitcher:" + line("glBody"),
        "TracesTest.greenletSwitchedAwayAndBack_thenTheSwitcher:" + line("glResume")), f.subList(0, 4));
    noRuntimeFrames(e);
  }

  static int fetchRow() throws Suspend {
    String s = Asyncio.awaitOnly(Asyncio.sleep(1, "x")); // @line bridgeAwait
    return Integer.parseInt(s); // @line bridgeThrow
  }

  static int query() throws Suspend {
    return fetchRow(); // @line bridgeQuery
  }

  @Test
  void greenletSpawnAwaitOnly_syncStyleFramesAfterTheAwait() {
    NumberFormatException e = assertThrows(NumberFormatException.class,
        () -> run(Asyncio.greenletSpawn(args -> query()))); // @line bridgeBody
    List<String> f = frames(e);
    assertEquals(List.of("TracesTest.fetchRow:" + line("bridgeThrow"), "TracesTest.query:" + line("bridgeQuery"),
        "TracesTest.lambda$greenletSpawnAwaitOnly_syncStyleFramesAfterTheAwait:" + line("bridgeBody")), f.subList(0, 3));
    noRuntimeFrames(e);
  }

  @Test
  void taskGroup_childFailureCarriesItsFrames() {
    ExceptionGroup g = assertThrows(ExceptionGroup.class, () -> run(TaskGroup.run(tg -> {
      tg.createTask(Asyncio.async(() -> handler()));
      return null;
    })));
    Throwable child = g.exceptions().get(0);
    assertEquals(List.of("TracesTest.parseConfig:" + line("parseConfig"), "TracesTest.loadConfig:" + line("loadConfig"),
        "TracesTest.handler:" + line("handler")), frames(child).subList(0, 3));
    noRuntimeFrames(child);
  }

  static String waitsDeep(Future<String> f) throws Suspend {
    return Asyncio.await(f); // @line stackAwait
  }

  static String waitsInGenerator(Future<String> f) throws Suspend {
    Generator<String, Object, Void> gen = Generator.of(y -> y.yield(waitsDeep(f))); // @line stackGenBody
    return gen.next(); // @line stackGenNext
  }

  @Test
  void taskGetStack_suspendedTaskInnermostFirst_throughAGeneratorBody_emptyWhenDone() {
    run(Asyncio.async(() -> {
      Future<String> f = loop.createFuture();
      Task<String> t = Asyncio.createTask(Asyncio.async(() -> waitsInGenerator(f))); // @line stackTaskBody
      assertEquals(List.of(), t.getStack().stream().map(e -> e.getMethodName()).filter(m -> m.startsWith("waits")).collect(java.util.stream.Collectors.toList()));
      Asyncio.await(Asyncio.sleep(0));
      List<String> stack = new java.util.ArrayList<>();
      for (StackTraceElement e : t.getStack()) {
        if (e.getClassName().equals(TracesTest.class.getName())) {
          stack.add(e.getMethodName().replaceAll("^(lambda\\$.*)\\$\\d+$", "$1") + ":" + e.getLineNumber());
        }
      }
      assertEquals(List.of("waitsDeep:" + line("stackAwait"), "lambda$waitsInGenerator:" + line("stackGenBody"),
          "waitsInGenerator:" + line("stackGenNext"),
          "lambda$taskGetStack_suspendedTaskInnermostFirst_throughAGeneratorBody_emptyWhenDone:" + line("stackTaskBody")), stack);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      t.printStack(new java.io.PrintStream(out, true));
      String printed = out.toString();
      assertTrue(printed.startsWith("Stack for Task["), printed);
      assertTrue(printed.contains("waitsDeep(TracesTest.java:" + line("stackAwait") + ")"), printed);
      f.setResult("v");
      assertEquals("v", Asyncio.await(t));
      assertEquals(List.of(), t.getStack());
      return null;
    }));
  }

  static void parks(Greenlet main) throws Suspend {
    main.switchTo("parked"); // @line glParks
  }

  @Test
  void greenletGetStack_whereItWaits_emptyBeforeStartAndWhenDead() throws Suspend {
    Greenlet main = Greenlet.current();
    Greenlet g = new Greenlet(args -> {
      parks(main); // @line glParksBody
      return "done";
    });
    assertEquals(List.of(), g.getStack());
    g.switchTo();
    List<String> stack = new java.util.ArrayList<>();
    for (StackTraceElement e : g.getStack()) stack.add(e.getMethodName().replaceAll("^(lambda\\$.*)\\$\\d+$", "$1") + ":" + e.getLineNumber());
    assertEquals(List.of("parks:" + line("glParks"), "lambda$greenletGetStack_whereItWaits_emptyBeforeStartAndWhenDead:" + line("glParksBody")), stack);
    assertEquals("done", g.switchTo());
    assertEquals(List.of(), g.getStack());
    assertEquals(List.of(), main.getStack());
  }
}

package dev.weft.agent.app;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Task;
import dev.weft.continuations.Suspend;
import dev.weft.generators.Generator;
import dev.weft.greenlet.Greenlet;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 16's trace fixtures as an application AgentTracesIT runs in a child JVM under the agent
 * (this module has no build-time instrumentation). Each fixture throws after a suspension and
 * prints the frames of this class in its trace, {@code FIXTURE name Simple.method:line ...}, and
 * any runtime frame left in it as {@code RUNTIME name frame}. The lines are found by the test
 * from the {@code // @line} markers.
 */
public final class TraceFixtures {
  private TraceFixtures() {}

  static int parseConfig(String s) throws Suspend {
    Asyncio.await(Asyncio.sleep(0.001));
    return Integer.parseInt(s); // @line parseConfig
  }

  static int loadConfig() throws Suspend {
    int v = parseConfig("not-a-number"); // @line loadConfig
    return v + 1;
  }

  static int handler() throws Suspend {
    int v = loadConfig(); // @line handler
    return v;
  }

  static Throwable directSuspendableCalls() {
    try {
      Asyncio.run(Asyncio.async(() -> handler())); // @line runHandler
      return null;
    } catch (NumberFormatException e) {
      return e;
    }
  }

  static int parent(Task<Integer> child) throws Suspend {
    int v = Asyncio.await(child); // @line parentAwait
    return v * 2;
  }

  static Throwable taskAwaitedByTask() {
    try {
      Asyncio.run(Asyncio.async(() -> { // @line runParent
        Task<Integer> child = Asyncio.createTask(Asyncio.async(() -> loadConfig())); // @line childBody
        int v = parent(child); // @line parentCall
        return v;
      }));
      return null;
    } catch (NumberFormatException e) {
      return e;
    }
  }

  static String genStep2(int i) throws Suspend {
    if (i == 2) throw new IllegalStateException("row " + i); // @line genThrow
    return "row" + i;
  }

  static String genStep1(int i) throws Suspend {
    String s = genStep2(i); // @line genStep1
    return s;
  }

  static Throwable generatorBodyTwoCallsDeep() {
    Generator<String, Object, Void> rows = Generator.of(y -> {
      for (int i = 0; ; i++) y.yield(genStep1(i)); // @line genBody
    });
    rows.next();
    rows.next();
    try {
      rows.next(); // @line genConsumer
      return null;
    } catch (IllegalStateException e) {
      return e;
    }
  }

  static void switchesThenFails(Greenlet main) throws Suspend {
    main.switchTo("away");
    throw new IllegalArgumentException("after the switch back"); // @line glThrow
  }

  static void glHelper(Greenlet main) throws Suspend {
    switchesThenFails(main); // @line glHelper
  }

  static Throwable greenletSwitchedAwayAndBack() throws Suspend {
    Greenlet main = Greenlet.current();
    Greenlet g = new Greenlet(args -> {
      glHelper(main); // @line glBody
      return null;
    });
    if (!"away".equals(g.switchTo())) throw new AssertionError("the greenlet did not switch back");
    try {
      g.switchTo(); // @line glResume
      return null;
    } catch (IllegalArgumentException e) {
      return e;
    }
  }

  static void print(String name, Throwable t) {
    if (t == null) {
      System.out.println("FIXTURE " + name + " did not throw");
      return;
    }
    List<String> frames = new ArrayList<>();
    for (StackTraceElement e : t.getStackTrace()) {
      String c = e.getClassName();
      String m = e.getMethodName();
      if (c.equals(TraceFixtures.class.getName())) {
        // javac numbers lambdas across the class: lambda$main$3 is named lambda$main here
        frames.add("TraceFixtures." + m.replaceAll("^(lambda\\$.*)\\$\\d+$", "$1") + ":" + e.getLineNumber());
      }
      if (m.contains("$weft") || m.equals("weft$resume") || c.startsWith("dev.weft.continuations.")
          || c.startsWith("dev.weft.asyncio.internal") || c.equals("dev.weft.asyncio.Task") || c.equals("dev.weft.asyncio.EventLoop")) {
        System.out.println("RUNTIME " + name + " " + e);
      }
    }
    System.out.println("FIXTURE " + name + " " + String.join(" ", frames));
  }

  public static void main(String[] args) throws Exception {
    print("direct", directSuspendableCalls()); // @line mainDirect
    print("taskAwaitedByTask", taskAwaitedByTask()); // @line mainTask
    print("generator", generatorBodyTwoCallsDeep()); // @line mainGenerator
    print("greenlet", greenletSwitchedAwayAndBack()); // @line mainGreenlet
  }
}

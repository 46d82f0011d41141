package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.asyncio.internal.introspect.LoopMBean;
import dev.weft.continuations.Suspend;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Issue #16: a dump of every live task (python -m asyncio ps), and each loop's MBean. */
class TaskDumpTest extends LoopFixture {
  /* Suspends `depth` suspendable calls deep (none a tail call), so a task's stack is longer than a dump shows. */
  static Object deep(int depth, Future<Object> gate) throws Suspend {
    if (depth == 0) return CallGraphTest.leaf(gate);
    Object r = deep(depth - 1, gate);
    return r;
  }

  static final int TASKS = 10_000, DEPTH = TaskDumps.MAX_FRAMES + 8;
  /* A line of a dump: a task's header, or one frame; generous for long class and method names. */
  static final int MAX_LINE = 200;

  @Test
  void tenThousandDeepTasks_dumpListsEveryOneWithABoundedBlockEach() {
    AtomicReference<String> dump = new AtomicReference<>();
    run(Asyncio.async(() -> {
      Future<Object> gate = Asyncio.getRunningLoop().createFuture();
      List<Task<Object>> tasks = new ArrayList<>();
      for (int i = 0; i < TASKS; i++) {
        tasks.add(Asyncio.createTask(Asyncio.async(() -> deep(DEPTH, gate)), "worker-" + i));
      }
      Asyncio.await(Asyncio.sleep(0));
      dump.set(Asyncio.dumpTasks());
      gate.setResult("x");
      return Asyncio.await(Asyncio.gather(tasks.toArray(new Awaitable<?>[0])));
    }));
    String[] lines = dump.get().split("\n");
    assertTrue(lines[0].startsWith("EventLoop " + loop.name() + ": running, " + (TASKS + 1) + " tasks, "), lines[0]);
    java.util.Set<String> listed = new java.util.HashSet<>();
    int blocks = 0;
    for (int i = 1; i < lines.length; ) {
      String header = lines[i++];
      assertTrue(header.startsWith("  Task(name='"), header);
      assertTrue(header.length() <= MAX_LINE, header);
      blocks++;
      int frames = 0;
      boolean more = false;
      for (; i < lines.length && lines[i].startsWith("      "); i++) {
        assertTrue(lines[i].length() <= MAX_LINE, lines[i]);
        if (lines[i].startsWith("      ... ")) more = true;
        else frames++;
      }
      String name = header.substring("  Task(name='".length(), header.indexOf('\'', "  Task(name='".length()));
      if (name.startsWith("worker-")) {
        assertTrue(listed.add(name), "listed twice: " + name);
        assertTrue(header.contains(" suspended, awaiting Future(id=0x"), header);
        assertEquals(TaskDumps.MAX_FRAMES, frames, header); // no more than that, however deep the task
        assertTrue(more, "the frames left out are counted: " + header);
      }
    }
    assertEquals(TASKS, listed.size(), "every task is listed");
    assertEquals(TASKS + 1, blocks, "one block per task, the running main one included");
    // Bounded per task: a header, MAX_FRAMES frames and one "... more" line, each at most MAX_LINE.
    assertTrue(dump.get().length() <= lines[0].length() + 1 + (long) blocks * (TaskDumps.MAX_FRAMES + 2) * (MAX_LINE + 1),
        "size " + dump.get().length());
    assertTrue(dump.get().contains("      at dev.weft.asyncio.CallGraphTest.leaf(CallGraphTest.java:"), lines[1] + "\n" + lines[2]);
    assertFalse(Asyncio.dumpTasks().contains(loop.name() + ":"), "a closed loop is not dumped");
  }

  private static Object attr(MBeanServer server, ObjectName name, String attribute) {
    try {
      return server.getAttribute(name, attribute);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void mbeanIsThereWhileTheLoopRunsAndGoneAfterClose() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = LoopMBean.nameOf(loop.name());
    assertEquals("dev.weft.asyncio:type=EventLoop,name=" + loop.name(), name.toString());
    AtomicReference<Object> count = new AtomicReference<>(), dump = new AtomicReference<>(), registered = new AtomicReference<>();
    AtomicReference<Object> ready = new AtomicReference<>(), lag = new AtomicReference<>();
    run(Asyncio.async(() -> {
      Future<Object> gate = Asyncio.getRunningLoop().createFuture();
      Task<Object> t = Asyncio.createTask(Asyncio.async(() -> CallGraphTest.leaf(gate)), "visible-in-jmx");
      Asyncio.await(Asyncio.sleep(0));
      registered.set(server.isRegistered(name));
      count.set(attr(server, name, "TaskCount"));
      ready.set(attr(server, name, "ReadyQueueLength"));
      lag.set(attr(server, name, "LoopLagMillis"));
      dump.set(attr(server, name, "TaskDump"));
      gate.setResult("x");
      return Asyncio.await(t);
    }));
    assertEquals(true, registered.get());
    assertEquals(2, count.get());
    assertTrue(ready.get() instanceof Integer);
    assertTrue(lag.get() instanceof Double);
    assertTrue(((String) dump.get()).contains("Task(name='visible-in-jmx'"), String.valueOf(dump.get()));
    assertTrue(loop.isClosed());
    assertFalse(server.isRegistered(name));
  }

  @Test
  void dumpFromAnotherThread_readsTheLoopOnItsThread() throws Exception {
    EventLoop other = Asyncio.newEventLoop();
    Thread t = new Thread(() -> other.runUntilComplete(Asyncio.async(() -> {
      Future<Object> gate = Asyncio.getRunningLoop().createFuture();
      Asyncio.createTask(Asyncio.async(() -> CallGraphTest.leaf(gate)), "elsewhere");
      Asyncio.await(Asyncio.sleep(0.5));
      gate.setResult("x");
      return null;
    })));
    t.start();
    String d = "";
    for (int i = 0; i < 100 && !d.contains("elsewhere"); i++) {
      Thread.sleep(10);
      d = Asyncio.dumpTasks();
    }
    t.join();
    other.close();
    assertTrue(d.contains("EventLoop " + other.name() + ": running"), d);
    assertTrue(d.contains("Task(name='elsewhere'"), d);
  }
}

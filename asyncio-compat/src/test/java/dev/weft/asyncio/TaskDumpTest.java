package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.asyncio.internal.introspect.LoopMBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Issue #16: a dump of every live task (python -m asyncio ps), and each loop's MBean. */
class TaskDumpTest extends LoopFixture {
  @Test
  void tenThousandTasks_dumpCompletesBoundedWithTheirNames() {
    AtomicReference<String> dump = new AtomicReference<>();
    AtomicReference<Long> took = new AtomicReference<>();
    run(Asyncio.async(() -> {
      Future<Object> gate = Asyncio.getRunningLoop().createFuture();
      List<Task<Object>> tasks = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        tasks.add(Asyncio.createTask(Asyncio.async(() -> CallGraphTest.leaf(gate)), "worker-" + i));
      }
      Asyncio.await(Asyncio.sleep(0));
      long t0 = System.nanoTime();
      dump.set(Asyncio.dumpTasks());
      took.set(System.nanoTime() - t0);
      gate.setResult("x");
      return Asyncio.await(Asyncio.gather(tasks.toArray(new Awaitable<?>[0])));
    }));
    String d = dump.get();
    assertTrue(d.startsWith("EventLoop " + loop.name() + ": running, 10001 tasks, "), d.substring(0, 200));
    for (int i = 0; i < 10_000; i += 997) {
      assertTrue(d.contains("Task(name='worker-" + i + "', id=0x"), "worker-" + i);
    }
    assertTrue(d.contains("suspended, awaiting Future(id=0x"), d.substring(0, 400));
    assertTrue(d.contains("      at dev.weft.asyncio.CallGraphTest.leaf(CallGraphTest.java:"), d.substring(0, 400));
    assertTrue(d.contains(" running\n"), "the main task is the running one");
    assertTrue(d.length() < 10_001 * (80 + TaskDumps.MAX_FRAMES * 100), "bounded: " + d.length());
    assertTrue(took.get() < 10_000_000_000L, "took " + took.get() + " ns");
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

package dev.weft.asyncio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** N loops on N threads: running, spreading a server's connections, awaiting across loops, refusing misuse. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventLoopGroupTest {

  @Test
  void runGroup_mainRunsOnTheFirstLoop_andEveryLoopHasItsThread() {
    List<String> seen = Asyncio.runGroup(2, () -> {
      EventLoopGroup group = EventLoopGroup.current();
      assertEquals(2, group.size());
      assertSame(group.loops().get(0), Asyncio.getRunningLoop());
      String other = Asyncio.await(Future.wrap(group.submit(group.loops().get(1), () -> Thread.currentThread().getName())));
      return List.of(Thread.currentThread().getName(), other);
    });
    assertTrue(seen.get(0).endsWith("-loop0"), seen.toString());
    assertTrue(seen.get(1).endsWith("-loop1"), seen.toString());
  }

  @Test
  void aFutureOfLoopA_awaitedOnLoopB_resumesOnBsThread_withTheResult() {
    String result = Asyncio.runGroup(2, () -> {
      EventLoopGroup group = EventLoopGroup.current();
      Future<String> onA = Asyncio.getRunningLoop().createFuture();
      CompletableFuture<Void> waiting = new CompletableFuture<>();
      CompletableFuture<String> onB = group.submit(group.loops().get(1), () -> {
        String before = Thread.currentThread().getName();
        waiting.complete(null);
        String value = Asyncio.await(onA);
        assertEquals(before, Thread.currentThread().getName()); // still B's thread
        assertSame(group.loops().get(1), Asyncio.getRunningLoop());
        return value + " on " + before.substring(before.lastIndexOf('-') + 1);
      });
      Asyncio.await(Future.wrap(waiting));
      Asyncio.await(Asyncio.sleep(0.01)); // most likely suspended by now; either way the outcome crosses over
      onA.setResult("ready");
      return Asyncio.await(Future.wrap(onB));
    });
    assertEquals("ready on loop1", result);
  }

  @Test
  void aTaskOfLoopA_failing_reachesTheAwaiterOnB_asTheSameInstance() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    Throwable got = Asyncio.runGroup(2, () -> {
      EventLoopGroup group = EventLoopGroup.current();
      Task<Void> failing = Asyncio.createTask(Asyncio.async(() -> {
        Asyncio.await(Asyncio.sleep(0.01));
        throw boom;
      }));
      return Asyncio.await(Future.wrap(group.submit(group.loops().get(1), () -> {
        try {
          Asyncio.await(failing);
          return null;
        } catch (IllegalArgumentException e) {
          return e;
        }
      })));
    });
    assertSame(boom, got);
  }

  @Test
  void cancellingTheAwaiterOnB_cancelsTheFutureOnA() {
    boolean cancelledOnA = Asyncio.runGroup(2, () -> {
      EventLoopGroup group = EventLoopGroup.current();
      Future<String> onA = Asyncio.getRunningLoop().createFuture();
      Future<Boolean> aSawCancel = Asyncio.getRunningLoop().createFuture();
      onA.addDoneCallback(f -> aSawCancel.setResult(f.cancelled()));
      CompletableFuture<String> onB = group.submit(group.loops().get(1), () -> Asyncio.await(onA));
      Asyncio.await(Asyncio.sleep(0.02));
      onB.cancel(false); // cancels B's task, whose await cancels the stand-in, which cancels onA on A
      return Asyncio.await(aSawCancel);
    });
    assertTrue(cancelledOnA);
  }

  @Test
  void crossLoopMisuse_isRefusedWithAClearError() {
    List<String> messages = Asyncio.runGroup(2, () -> {
      EventLoopGroup group = EventLoopGroup.current();
      EventLoop a = Asyncio.getRunningLoop();
      Future<String> onA = a.createFuture();
      return Asyncio.await(Future.wrap(group.submit(group.loops().get(1), () -> {
        List<String> refusals = new ArrayList<>();
        refusals.add(assertThrows(IllegalStateException.class, () -> onA.setResult("x")).getMessage());
        refusals.add(assertThrows(IllegalStateException.class, () -> a.callSoon(() -> {})).getMessage());
        refusals.add(assertThrows(IllegalStateException.class,
            () -> a.createTask(Asyncio.async(() -> null))).getMessage());
        refusals.add(assertThrows(IllegalStateException.class,
            () -> Asyncio.gather(onA, Asyncio.getRunningLoop().createFuture())).getMessage());
        return refusals;
      })));
    });
    assertEquals(4, messages.size());
    for (String m : messages) assertTrue(m.contains("event loop other than the current one"), m);
  }

  @Test
  void startServer_spreadsConnectionsOverTheLoops_andEchoes() {
    Set<String> servingThreads = ConcurrentHashMap.newKeySet();
    List<String> replies = Asyncio.runGroup(2, () -> {
      Server server = Asyncio.await(EventLoopGroup.current().startServer((r, w) -> Asyncio.async(() -> {
        servingThreads.add(Thread.currentThread().getName());
        byte[] line = Asyncio.await(r.readline());
        w.write(line);
        Asyncio.await(w.drain());
        w.close();
        return null;
      }), "127.0.0.1", 0));
      List<String> got = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", server.port()));
        c.writer().write(("line " + i + "\n").getBytes(UTF_8));
        got.add(new String(Asyncio.await(c.reader().readline()), UTF_8).trim());
        c.writer().close();
      }
      server.close();
      return got;
    });
    assertEquals(List.of("line 0", "line 1", "line 2", "line 3", "line 4", "line 5"), replies);
    assertEquals(2, servingThreads.size(), servingThreads.toString()); // round robin: both loops served
  }

  @Test
  void startServer_ofTheGroup_awaitedOnAForeignLoop_isRefused() {
    try (EventLoopGroup group = new EventLoopGroup(1)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(Asyncio.async(
          () -> Asyncio.await(group.startServer((r, w) -> null, "127.0.0.1", 0)))));
      assertTrue(e.getMessage().contains("must be awaited on a loop of the group"), e.getMessage());
    }
  }

  @Test
  void closingFromItsOwnLoop_runGroupInsideALoop_andNoLoops_areRefused() {
    assertThrows(IllegalArgumentException.class, () -> new EventLoopGroup(0));
    String[] messages = Asyncio.runGroup(1, () -> new String[] {
        assertThrows(IllegalStateException.class, () -> EventLoopGroup.current().close()).getMessage(),
        assertThrows(IllegalStateException.class, () -> Asyncio.runGroup(1, () -> null)).getMessage()});
    assertTrue(messages[0].contains("cannot be closed from one of its own loops"), messages[0]);
    assertTrue(messages[1].contains("cannot be called from a running event loop"), messages[1]);
    assertThrows(IllegalStateException.class, EventLoopGroup::current); // no loop here
  }

  @Test
  void close_cancelsWhatIsLeft_andEndsTheThreads() throws Exception {
    EventLoopGroup group = new EventLoopGroup(2);
    CompletableFuture<Void> forever = group.submit(() -> {
      Asyncio.await(Asyncio.sleep(3600));
      return null;
    });
    group.close();
    assertTrue(forever.isDone());
    assertTrue(group.isClosed());
    for (EventLoop loop : group.loops()) assertTrue(loop.isClosed());
    group.close(); // idempotent
    assertThrows(IllegalStateException.class, () -> group.submit(() -> null));
    assertNotEquals(group.loops().get(0), group.loops().get(1));
  }
}

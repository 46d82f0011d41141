package dev.weft.asyncio.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Connection;
import dev.weft.asyncio.EventLoop;
import dev.weft.asyncio.Queue;
import dev.weft.asyncio.Server;
import dev.weft.asyncio.Task;
import dev.weft.continuations.Suspend;
import dev.weft.testing.Stress;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A soak of one event loop under a random mix of tasks, timers, queues, streams and cancels, for
 * {@code 2 x weft.stress} minutes: every task ends exactly once, nothing is left pending, and the
 * heap after collection stays flat from the first checkpoint to the last.
 * {@code mvn verify -pl asyncio-compat -am -Dgroups=stress -Dweft.excludedGroups=none -Dtest=LoopSoakTest}
 */
@Tag("stress")
@Timeout(value = 60, unit = java.util.concurrent.TimeUnit.MINUTES)
class LoopSoakTest {
  private static final long ALLOWED_GROWTH = 8L << 20;

  private final Random random = new Random(19);
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong endings = new AtomicLong();
  private final AtomicLong doubleEndings = new AtomicLong();

  @Test
  void randomMixedWorkload_forMinutes_everyTaskEndsOnce_heapFlat() {
    double seconds = 120.0 * Stress.MULTIPLIER;
    List<Long> heap = Asyncio.run(() -> soak(seconds));
    long growth = heap.get(heap.size() - 1) - heap.get(0);
    System.out.printf("LoopSoakTest: %.0f s, %d tasks, heap after GC %s (growth %d bytes)%n",
        seconds, started.get(), heap, growth);
    assertEquals(started.get(), endings.get(), "tasks started and ended");
    assertEquals(0, doubleEndings.get(), "tasks that ended twice");
    assertTrue(growth < ALLOWED_GROWTH, "heap grew by " + growth + " bytes: " + heap);
  }

  private List<Long> soak(double seconds) throws Suspend {
    EventLoop loop = Asyncio.getRunningLoop();
    Server echo = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.async(() -> {
      for (byte[] line; (line = Asyncio.await(r.readline())).length > 0; ) w.write(line);
      w.close();
      return null;
    }), "127.0.0.1", 0));
    Queue<Integer> queue = new Queue<>(16);
    List<Long> heap = new ArrayList<>();
    List<Task<?>> live = new ArrayList<>();
    double end = loop.time() + seconds;
    double nextCheckpoint = loop.time() + Math.min(10, seconds / 4);
    while (loop.time() < end) {
      for (int i = 0; i < 50; i++) live.add(spawn(random.nextInt(5), echo.port(), queue));
      if (random.nextInt(4) == 0 && !live.isEmpty()) live.get(random.nextInt(live.size())).cancel();
      loop.callLater(random.nextDouble() * 0.01, () -> { }).cancel(); // timers scheduled and cancelled
      Asyncio.await(Asyncio.sleep(0.002));
      live.removeIf(Task::done);
      if (loop.time() >= nextCheckpoint) {
        heap.add(usedAfterGc());
        nextCheckpoint += Math.min(10, seconds / 4);
      }
    }
    for (Task<?> t : live) t.cancel();
    Asyncio.await(Asyncio.gather(true, live.toArray(new Task<?>[0])));
    while (!queue.empty()) queue.getNowait(); // the producers cancelled with the consumers are gone
    echo.close();
    heap.add(usedAfterGc());
    return heap;
  }

  private Task<?> spawn(int kind, int port, Queue<Integer> queue) {
    double delay = random.nextDouble() * 0.005;
    Task<Object> t = Asyncio.createTask(Asyncio.async(() -> {
      switch (kind) {
        case 0: return Asyncio.await(Asyncio.sleep(delay, "slept"));
        case 1: return Asyncio.await(Asyncio.waitFor(queue.put(1), delay)); // a full queue times out, never piles up
        case 2: return Asyncio.await(Asyncio.waitFor(queue.get(), delay));
        case 3: return roundTrip(port);
        default: return Asyncio.await(Asyncio.shield(Asyncio.createTask(Asyncio.sleep(delay))));
      }
    }));
    started.incrementAndGet();
    AtomicLong seen = new AtomicLong();
    t.addDoneCallback(done -> {
      if (seen.incrementAndGet() > 1) doubleEndings.incrementAndGet();
      endings.incrementAndGet();
      if (!done.cancelled()) done.exception(); // retrieved: a timeout or a lost connection is part of the mix
    });
    return t;
  }

  private static Object roundTrip(int port) throws Suspend {
    Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port));
    try {
      c.writer().write("ping\n".getBytes(StandardCharsets.US_ASCII));
      return new String(Asyncio.await(c.reader().readline()), StandardCharsets.US_ASCII);
    } finally {
      c.writer().close();
    }
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}

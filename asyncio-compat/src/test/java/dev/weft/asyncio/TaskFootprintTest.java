package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * Pins what spawning a task and an await of {@code sleep(0)} allocate (issue 17), counted on the
 * loop's thread by {@code com.sun.management.ThreadMXBean}. The counts are of objects made, so they
 * do not depend on timing; the bounds sit between the old cost and today's, with room for the
 * amortised growth of the loop's queues, so they fail only when an object per task comes back.
 */
class TaskFootprintTest extends LoopFixture {
  static final int N = 20_000;

  static Coroutine<Void> one() {
    return Asyncio.async(() -> Asyncio.await(Asyncio.sleep(0)));
  }

  /* Looked up by reflection: the test module does not read jdk.management; null if unavailable. */
  static final Method ALLOCATED = allocatedBytesMethod();

  static Method allocatedBytesMethod() {
    try {
      Method m = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
      return (long) m.invoke(ManagementFactory.getThreadMXBean()) >= 0 ? m : null; // -1: counting disabled
    } catch (ReflectiveOperationException | ClassCastException | IllegalArgumentException unavailable) {
      return null;
    }
  }

  static long allocatedHere() {
    try {
      return (long) ALLOCATED.invoke(ManagementFactory.getThreadMXBean());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  static boolean counted() {
    return ALLOCATED != null;
  }

  /* Bytes per task of spawning N tasks that each await sleep(0), and seeing them all finish. */
  static long spawnRound(Task<?>[] tasks) throws dev.weft.continuations.Suspend {
    long before = allocatedHere();
    for (int i = 0; i < N; i++) tasks[i] = Asyncio.createTask(one());
    for (int i = 0; i < N; i++) Asyncio.await(tasks[i]);
    return (allocatedHere() - before) / N;
  }

  // 496 bytes here before the step handle, body and field fusions of issue 17; 408 after; 320 since
  // the task's body is its runner and the task its own step
  @Test
  void spawnedAndFinishedTask_allocatesUnder350Bytes() {
    assumeTrue(counted(), "thread allocation counting is not available");
    long perTask = run(Asyncio.async(() -> {
      Task<?>[] tasks = new Task<?>[N];
      spawnRound(tasks); // grows the queues and sizes the frame storage once
      return spawnRound(tasks);
    }));
    assertTrue(perTask < 350, "bytes allocated per spawned task: " + perTask);
  }

  @Test // 72 bytes before (a Handle per step besides the coroutine); the coroutine alone is 32
  void awaitOfSleep0_allocatesOnlyItsCoroutine() {
    assumeTrue(counted(), "thread allocation counting is not available");
    long perAwait = run(Asyncio.async(() -> {
      for (int i = 0; i < N; i++) Asyncio.await(Asyncio.sleep(0)); // warm: queue capacity, frame storage
      long before = allocatedHere();
      for (int i = 0; i < N; i++) Asyncio.await(Asyncio.sleep(0));
      return (allocatedHere() - before) / N;
    }));
    assertTrue(perAwait <= 40, "bytes allocated per await of sleep(0): " + perAwait);
  }

  /* Bytes per task of spawning N tasks that each await sleep(1), and seeing them all finish. */
  static long sleepRound(Task<?>[] tasks) throws dev.weft.continuations.Suspend {
    long before = allocatedHere();
    for (int i = 0; i < N; i++) tasks[i] = Asyncio.createTask(Asyncio.async(() -> Asyncio.await(Asyncio.sleep(1))));
    for (int i = 0; i < N; i++) Asyncio.await(tasks[i]);
    return (allocatedHere() - before) / N;
  }

  // 584 bytes before a sleep in a task waited on its timer alone (future, timer handle, lambda,
  // frames); 480 after; 392 since the task's body is its runner and the task its own step
  @Test
  void spawnedTaskThatSleeps_allocatesNoFutureOrSleepFrame() {
    assumeTrue(counted(), "thread allocation counting is not available");
    long perTask = run(Asyncio.async(() -> {
      Task<?>[] tasks = new Task<?>[N];
      sleepRound(tasks);
      return sleepRound(tasks);
    }));
    assertTrue(perTask < 420, "bytes allocated per spawned task that sleeps: " + perTask);
  }
}

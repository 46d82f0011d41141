package dev.weft.examples.asyncio;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Task;
import dev.weft.continuations.Suspend;

/**
 * asyncio's {@code say_after} example with {@code create_task}: the two sleeps overlap, so the
 * whole run takes about as long as the longer one (0.2 s, not 0.3 s). Prints "hello", "world",
 * then how long it took.
 */
public final class OverlappingTasks {
  private OverlappingTasks() {}

  /** An async def as a suspendable method: calling it inside a task is awaiting it. */
  static Void sayAfter(double delay, String what) throws Suspend {
    Asyncio.await(Asyncio.sleep(delay));
    System.out.println(what);
    return null;
  }

  public static void main(String[] args) {
    Asyncio.run(() -> {
      double start = Asyncio.getRunningLoop().time();
      Task<Void> task1 = Asyncio.createTask(Asyncio.async(() -> sayAfter(0.1, "hello")));
      Task<Void> task2 = Asyncio.createTask(Asyncio.async(() -> sayAfter(0.2, "world")));
      Asyncio.await(task1);
      Asyncio.await(task2);
      double took = Asyncio.getRunningLoop().time() - start;
      System.out.printf("finished in %.2f s%n", took);
      return null;
    });
  }
}

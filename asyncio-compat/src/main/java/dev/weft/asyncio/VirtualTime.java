package dev.weft.asyncio;

import dev.weft.asyncio.internal.loop.ManualClock;
import dev.weft.continuations.SuspendableCallable;

/**
 * Event loops on virtual time, for tests, as kotlinx-coroutines-test's {@code runTest} and
 * CPython's test {@code TestLoop}: the clock starts at 0 and, whenever no callback is ready, jumps
 * straight to the next timer instead of waiting for it. A test of an hour of timeouts runs in
 * milliseconds, and {@link EventLoop#time()} reads exact, reproducible values.
 *
 * <pre>{@code
 * @Test
 * void slowServer_timesOutAfterAnHour() {
 *   double at = VirtualTime.run(() -> {
 *     Future<String> never = Asyncio.getRunningLoop().createFuture();
 *     try {
 *       Asyncio.await(Asyncio.waitFor(never, 3600.0));
 *     } catch (TimeoutError expected) {
 *       // reached without waiting
 *     }
 *     return Asyncio.getRunningLoop().time();
 *   });
 *   assertEquals(3600.0, at);                 // exactly, and at once
 * }
 * }</pre>
 *
 * <p><b>What stops the clock.</b> Time moves only when every task waits for a timer. A job handed
 * to an executor ({@link EventLoop#runInExecutor}, {@link Asyncio#toThread}) holds the clock
 * still until its outcome reaches the loop, so a timeout never overtakes a result that is being
 * computed. Sockets are not waited for: a timer due while a task waits for a real peer fires
 * at once, so keep timeouts out of code that waits on the network, or run it on a real loop.
 *
 * <p><b>Compared with Python:</b> CPython has no public virtual-time loop; its own tests drive a
 * {@code TestLoop} from a generator of time steps. Here the loop advances by itself.
 */
public final class VirtualTime {
  private VirtualTime() {}

  /**
   * {@link Asyncio#run(Coroutine)} on a fresh virtual-time loop: runs {@code main} in a task,
   * returns its result or rethrows its exception, then cancels the tasks left and closes the loop.
   *
   * @throws IllegalStateException on a thread whose loop is running, or if {@code main} was
   *     awaited already
   * @throws CancelledError if {@code main} was cancelled
   */
  public static <T> T run(Coroutine<T> main) {
    return Runners.run(main, newEventLoop());
  }

  /** {@link #run(Coroutine)} of {@code Asyncio.async(main)}. */
  public static <T> T run(SuspendableCallable<T> main) {
    return run(Asyncio.async(main));
  }

  /**
   * A new loop whose {@link EventLoop#time()} starts at 0.0 and skips ahead to its next timer
   * whenever nothing is ready, for tests that drive the loop themselves
   * ({@link EventLoop#runUntilComplete}, {@link EventLoop#runForever}). Close it when done.
   *
   * <pre>{@code
   * try (EventLoop loop = VirtualTime.newEventLoop()) {
   *   loop.runUntilComplete(Asyncio.sleep(10));
   *   assert loop.time() == 10.0;
   * }
   * }</pre>
   */
  public static EventLoop newEventLoop() {
    return new EventLoop(new ManualClock());
  }
}

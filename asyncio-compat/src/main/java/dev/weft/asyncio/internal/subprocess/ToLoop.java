package dev.weft.asyncio.internal.subprocess;

import dev.weft.asyncio.EventLoop;

/** How a pump thread hands work to the loop: {@code callSoonThreadsafe}, unless the loop has closed. */
public final class ToLoop {
  private ToLoop() {}

  /**
   * Schedules {@code r} on {@code loop} from any thread; false if the loop is closed, in which
   * case closing it has already released the pipes and the child, and nobody is left to tell.
   */
  public static boolean post(EventLoop loop, Runnable r) {
    try {
      loop.callSoonThreadsafe(r);
      return true;
    } catch (IllegalStateException closed) {
      return false;
    }
  }
}

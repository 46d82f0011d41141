package dev.weft.asyncio;

/**
 * Python's {@code asyncio} module functions: {@code asyncio.x(...)} is {@code Asyncio.x(...)}.
 *
 * <pre>{@code
 * EventLoop loop = Asyncio.newEventLoop();
 * loop.callSoon(loop::stop);
 * loop.runForever();
 * loop.close();
 * }</pre>
 */
public final class Asyncio {
  private Asyncio() {}

  /**
   * The loop running on this thread.
   *
   * @throws IllegalStateException outside a running loop ("no running event loop")
   */
  public static EventLoop getRunningLoop() {
    EventLoop loop = EventLoop.RUNNING.get();
    if (loop == null) throw new IllegalStateException("no running event loop");
    return loop;
  }

  /** Sets the loop {@link #getEventLoop()} returns on this thread when none is running; may be null. */
  public static void setEventLoop(EventLoop loop) {
    EventLoop.SET.set(loop);
  }

  /**
   * The running loop, else the loop set for this thread, else a new loop which becomes the one
   * set for this thread (Python 3.12 without the deprecation warning).
   */
  public static EventLoop getEventLoop() {
    EventLoop loop = EventLoop.RUNNING.get();
    if (loop != null) return loop;
    loop = EventLoop.SET.get();
    if (loop == null) {
      loop = new EventLoop();
      EventLoop.SET.set(loop);
    }
    return loop;
  }

  /** A new loop on the system clock; neither set for this thread nor started. */
  public static EventLoop newEventLoop() {
    return new EventLoop();
  }
}

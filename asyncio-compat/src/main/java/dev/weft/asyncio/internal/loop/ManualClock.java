package dev.weft.asyncio.internal.loop;

/**
 * Virtual time for tests: it starts at 0, moves only when {@link #advance} is called or when the
 * loop has nothing ready and {@link #skip}s to its next timer, so a test of {@code sleep(3600)}
 * takes no real time and timing is exact.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * EventLoop loop = new EventLoop(clock);        // package-private constructor, for tests
 * loop.runUntilComplete(Asyncio.sleep(10));     // returns at once; clock.time() == 10.0
 * }</pre>
 */
public final class ManualClock implements Clock {
  private double now;

  @Override
  public synchronized double time() {
    return now;
  }

  /** Moves time forward by {@code seconds} (ignored when not positive). */
  public synchronized void advance(double seconds) {
    if (seconds > 0) now += seconds;
  }

  @Override
  public boolean skip(double seconds) {
    advance(seconds);
    return true;
  }

  @Override
  public boolean isVirtual() {
    return true;
  }

  @Override
  public double resolution() {
    return 1e-9;
  }
}

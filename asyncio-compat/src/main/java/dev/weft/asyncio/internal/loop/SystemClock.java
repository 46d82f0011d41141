package dev.weft.asyncio.internal.loop;

/** Real time: {@link System#nanoTime()} in seconds. The loop waits in its selector. */
public enum SystemClock implements Clock {
  INSTANCE;

  @Override
  public double time() {
    return System.nanoTime() / 1e9;
  }

  @Override
  public boolean skip(double seconds) {
    return false;
  }

  @Override
  public double resolution() {
    return 1e-9;
  }
}

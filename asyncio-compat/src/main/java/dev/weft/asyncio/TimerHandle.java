package dev.weft.asyncio;

/**
 * Python's {@code asyncio.TimerHandle}: a callback scheduled with {@link EventLoop#callLater} or
 * {@link EventLoop#callAt}.
 *
 * <pre>{@code
 * TimerHandle t = loop.callLater(5, () -> System.out.println("late"));
 * double deadline = t.when();      // loop.time() + 5 at scheduling
 * t.cancel();
 * }</pre>
 */
public class TimerHandle extends Handle {
  private final double when;
  final long sequence; // FIFO among equal deadlines
  boolean scheduled;

  TimerHandle(double when, long sequence, Runnable callback, EventLoop loop, dev.weft.continuations.Context context) {
    super(callback, loop, context);
    this.when = when;
    this.sequence = sequence;
  }

  /** The absolute loop time ({@link EventLoop#time()}) at which the callback is due. */
  public double when() {
    return when;
  }

  @Override
  public void cancel() {
    if (!cancelled()) {
      super.cancel();
      if (scheduled) loop.timerHandleCancelled(this);
    }
  }
}

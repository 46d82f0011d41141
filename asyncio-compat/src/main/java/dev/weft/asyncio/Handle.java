package dev.weft.asyncio;

import dev.weft.continuations.Context;
import dev.weft.continuations.internal.Contexts;

/**
 * Python's {@code asyncio.Handle}: a callback scheduled with {@link EventLoop#callSoon}, which can
 * be cancelled until it runs.
 *
 * <pre>{@code
 * Handle h = loop.callSoon(() -> System.out.println("never printed"));
 * h.cancel();
 * }</pre>
 *
 * <p>Not thread-safe: call {@link #cancel()} on the loop's thread (use
 * {@code loop.callSoonThreadsafe(h::cancel)} from elsewhere).
 */
public class Handle {
  final EventLoop loop;
  private Runnable callback;
  /* The context the callback runs in: a copy of the scheduler's, unless one was given; null for
     the loop's own callbacks that set their context themselves (a task's wake-up). */
  private final Context context;
  private boolean cancelled;

  Handle(Runnable callback, EventLoop loop, Context context) {
    this.callback = callback;
    this.loop = loop;
    this.context = context;
  }

  /**
   * Prevents the callback from running. Idempotent; does nothing once the callback has run.
   */
  public void cancel() {
    if (!cancelled) {
      cancelled = true;
      callback = null; // what a cancelled handle no longer needs, the collector may reclaim
    }
  }

  /** True once {@link #cancel()} was called. */
  public boolean cancelled() {
    return cancelled;
  }

  /**
   * Runs the callback. An exception escaping it has no caller to go to, so it goes to the loop's
   * exception handler; only a {@link VirtualMachineError} leaves the loop.
   */
  void run() {
    Runnable cb = callback;
    if (cb == null) return;
    Context previous = context != null ? Contexts.swap(context) : null;
    try {
      cb.run();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) { // no caller exists: CancelledError included, as CPython's Handle._run
      loop.reportCallbackFailure(String.valueOf(cb), this, t);
    } finally {
      if (context != null) Contexts.swap(previous);
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + (cancelled ? "cancelled" : String.valueOf(callback)) + "]";
  }
}

package dev.weft.asyncio;

/**
 * Python's {@code asyncio.CancelledError}: raised inside a task's body at the await where it is
 * suspended when the task is cancelled, and by {@link Future#result()} of a cancelled future.
 *
 * <pre>{@code
 * Task<Void> t = Asyncio.createTask(Asyncio.sleep(10));
 * t.cancel("shutting down");
 * try { Asyncio.await(t); } catch (CancelledError e) { assert e.getMessage().equals("shutting down"); }
 * }</pre>
 *
 * <p><b>Compared with Python:</b> it extends {@link Error}, as {@code ThreadDeath} does, so a
 * {@code catch (Exception e)} does not swallow it, as Python's {@code except Exception} does not
 * catch a {@code BaseException}. Code that catches {@code Throwable} must rethrow it.
 */
public class CancelledError extends Error {
  static {
    // A cancellation is a control-flow signal, raised and caught by the thousand: keep its trace
    // as made (where cancel() was called) instead of rebuilding the logical stack at each resume.
    dev.weft.continuations.internal.abi.Runner.keepTracesOf(CancelledError.class);
  }

  private static final long serialVersionUID = 1L;

  /** A cancellation without a message. */
  public CancelledError() {
    super();
  }

  /** A cancellation carrying {@code message}, the argument of {@code cancel(msg)}; may be null. */
  public CancelledError(String message) {
    super(message);
  }
}

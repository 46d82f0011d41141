package dev.weft.asyncio;

/**
 * Python's {@code TimeoutError} as raised by {@link Asyncio#waitFor}, {@link Asyncio#timeout} and
 * {@link Asyncio#asCompleted}. When it replaces a cancellation its cause is that
 * {@link CancelledError}.
 *
 * <pre>{@code
 * try { Asyncio.await(Asyncio.waitFor(Asyncio.sleep(10), 0.1)); }
 * catch (TimeoutError e) { assert e.getCause() instanceof CancelledError; }
 * }</pre>
 */
public class TimeoutError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A timeout without a message. */
  public TimeoutError() {
    super();
  }

  /** A timeout with a message. */
  public TimeoutError(String message) {
    super(message);
  }

  /** A timeout replacing {@code cause}, normally the {@link CancelledError} it turned into this. */
  public TimeoutError(String message, Throwable cause) {
    super(message, cause);
  }
}

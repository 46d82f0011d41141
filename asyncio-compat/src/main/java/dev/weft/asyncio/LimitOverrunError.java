package dev.weft.asyncio;

/**
 * Python's {@code asyncio.LimitOverrunError}: a read looking for a separator reached the
 * stream's buffer limit; {@link #consumed()} bytes are to be consumed.
 *
 * <pre>{@code
 * try { Asyncio.await(reader.readuntil(sep)); }
 * catch (LimitOverrunError e) { System.out.println("no separator in " + e.consumed() + " bytes"); }
 * }</pre>
 */
public class LimitOverrunError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int consumed;

  /** An overrun with {@code message} after {@code consumed} bytes. */
  public LimitOverrunError(String message, int consumed) {
    super(message);
    this.consumed = consumed;
  }

  /** The number of bytes to be consumed. */
  public int consumed() {
    return consumed;
  }
}

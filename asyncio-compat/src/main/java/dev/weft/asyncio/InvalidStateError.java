package dev.weft.asyncio;

/**
 * Python's {@code asyncio.InvalidStateError}: a {@link Future} operation that its state does not
 * allow, such as {@code result()} of a pending future or {@code setResult} of a done one.
 *
 * <pre>{@code
 * Future<String> f = loop.createFuture();
 * try { f.result(); } catch (InvalidStateError e) { assert e.getMessage().contains("Result is not ready."); }
 * }</pre>
 */
public class InvalidStateError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with the given message. */
  public InvalidStateError(String message) {
    super(message);
  }
}

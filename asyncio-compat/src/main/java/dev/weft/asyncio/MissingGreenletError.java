package dev.weft.asyncio;

/**
 * SQLAlchemy's {@code MissingGreenlet}: {@link Asyncio#awaitOnly} was called from code that
 * {@link Asyncio#greenletSpawn} did not start, so there is no task to await in.
 *
 * <pre>{@code
 * try { Asyncio.awaitOnly(Asyncio.sleep(0)); }
 * catch (MissingGreenletError e) { System.out.println(e.getMessage()); } // greenlet_spawn has not been called; can't call await_only() here. ...
 * }</pre>
 */
public class MissingGreenletError extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** An error with the given message. */
  public MissingGreenletError(String message) {
    super(message);
  }
}

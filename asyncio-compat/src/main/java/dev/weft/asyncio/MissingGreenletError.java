package dev.weft.asyncio;

/**
 * SQLAlchemy's {@code MissingGreenlet}: {@link Asyncio#awaitOnly} was called from code that
 * {@link Asyncio#greenletSpawn} did not start, so there is no task to await in.
 *
 * <pre>{@code
 * try { Asyncio.awaitOnly(Asyncio.sleep(0)); }
 * catch (MissingGreenletError e) { System.out.println(e.getMessage()); } // greenletSpawn has not been called...
 * }</pre>
 */
public class MissingGreenletError extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** An error with the given message. */
  public MissingGreenletError(String message) {
    super(message);
  }
}

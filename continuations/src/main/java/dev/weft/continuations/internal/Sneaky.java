package dev.weft.continuations.internal;

/**
 * Rethrows any throwable unchecked, as the same instance: an exception crossing a suspension, a
 * switch or a future arrives exactly as it was thrown, checked or not, as Python re-raises it.
 */
public final class Sneaky {
  private Sneaky() {}

  /** Throws {@code t}; declared to return so callers can write {@code throw Sneaky.rethrow(t)}. */
  @SuppressWarnings("unchecked")
  public static <T extends Throwable> RuntimeException rethrow(Throwable t) throws T {
    throw (T) t;
  }
}

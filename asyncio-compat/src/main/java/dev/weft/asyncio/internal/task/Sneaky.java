package dev.weft.asyncio.internal.task;

/** Rethrows any throwable, checked ones included, as the same instance. */
public final class Sneaky {
  private Sneaky() {}

  /** Throws {@code t} unchecked; declared to return so callers can write {@code throw Sneaky.rethrow(t)}. */
  public static RuntimeException rethrow(Throwable t) {
    throw Sneaky.<RuntimeException>cast(t);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E cast(Throwable t) throws E {
    throw (E) t;
  }
}

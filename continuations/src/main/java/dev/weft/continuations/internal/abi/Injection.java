package dev.weft.continuations.internal.abi;

import dev.weft.continuations.ContinuationScope;

/**
 * The verification mode that suspends before every call (the tests' {@code TestSelections.INJECT}
 * inserts {@link #inject()} before each call, and the instrumenter turns it into a suspension
 * point): a saved and restored frame must compute what the plain one computes. Never used by
 * production code; kept out of {@link Frames} so the versioned ABI holds only what every
 * instrumented class needs.
 */
public final class Injection {
  /** The scope a test runs a body in to have it suspended at every injection point. */
  public static final ContinuationScope INJECTION = new ContinuationScope("weft-injection");

  private Injection() {}

  /** The injection point as written before a call; replaced by {@link #inject(Carrier, long)}. */
  public static void inject() {}

  /**
   * Suspends if the innermost continuation is of the {@link #INJECTION} scope and this frame may
   * be saved, otherwise does nothing.
   */
  public static void inject(Carrier c, long token) {
    if (token == Frames.SUSPEND_TOKEN && Runner.currentScope(c) == INJECTION) Runner.suspend(c, INJECTION, token);
  }
}

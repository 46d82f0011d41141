package dev.weft.continuations.internal.abi;

/**
 * Re-enters one saved frame. Each instrumented class gets one instance (a non-capturing lambda
 * over its synthetic {@code weft$resume} dispatcher); a continuation captured inside an outer one
 * is its own entry ({@link Runner#resume(Carrier, long)}), so the outer runner resumes it like any frame.
 */
@FunctionalInterface
public interface ResumeEntry {
  /**
   * Resumes the frame described by {@code header} (see {@link Frames#header}) whose slots sit at
   * {@link Carrier#rbase}/{@link Carrier#pbase}, and stores its return value into the carrier.
   */
  void resume(Carrier carrier, long header);
}

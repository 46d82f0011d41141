package dev.weft.continuations.instrument.internal;

/**
 * A class that cannot be instrumented as written: a constructor that would suspend, a call target
 * that cannot be resolved, bytecode the frame analysis rejects. The message names the method.
 */
public final class InstrumentationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InstrumentationException(String message) {
    super(message);
  }

  public InstrumentationException(String message, Throwable cause) {
    super(message, cause);
  }
}

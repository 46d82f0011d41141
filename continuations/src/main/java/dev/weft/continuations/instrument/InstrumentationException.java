package dev.weft.continuations.instrument;

/**
 * A class that cannot be instrumented as written: a constructor that would suspend, a call target
 * that is not on the class path, a method that instrumentation would push past the JVM's limits,
 * bytecode the frame analysis rejects. The message names the method, where it is in the source
 * when the class has debug information, and what to change.
 *
 * <p>The build plugin ({@link WeftPlugin}) fails the build with it, so this is usually what a user
 * reads in Maven's output:
 *
 * <pre>
 * dev.weft.continuations.instrument.InstrumentationException: cannot instrument
 *     com.acme.Repo.&lt;init&gt;()V (Repo.java:12): a constructor cannot suspend, but it calls
 *     com.acme.Db.connect()V; move the suspending call into a method (for example a static
 *     factory)
 * </pre>
 *
 * <p>At load time ({@code -javaagent}, {@link Weft#install()}) the class is loaded unchanged and
 * the exception is logged; suspending through the class later fails with a
 * {@link dev.weft.continuations.SuspendException} naming it.
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

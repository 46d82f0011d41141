package dev.weft.continuations.instrument;

import java.lang.instrument.Instrumentation;

/**
 * The {@code -javaagent} entry point of the {@code weft-continuations} jar: instruments suspendable
 * classes as they load.
 *
 * <pre>{@code
 * java -javaagent:weft-continuations-0.1.0.jar -cp app.jar:weft-continuations-0.1.0.jar:... com.acme.Main
 * }</pre>
 *
 * <p>The jar's dependencies (Byte Buddy and ASM) must be on the class path, as Maven puts them
 * for any project that depends on {@code weft-continuations}. Without them the agent stops the
 * JVM at start-up with an {@link IllegalStateException} naming the missing jars.
 */
public final class WeftAgent {
  private WeftAgent() {}

  /** Called by the JVM for {@code -javaagent}. */
  public static void premain(String args, Instrumentation inst) {
    RequiredLibraries.checkForAgent();
    Weft.install(inst, false);
  }

  /** Called by the JVM when the agent is attached at run time. */
  public static void agentmain(String args, Instrumentation inst) {
    RequiredLibraries.checkForAgent();
    Weft.install(inst, true);
  }
}

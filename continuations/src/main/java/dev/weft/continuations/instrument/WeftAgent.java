package dev.weft.continuations.instrument;

import java.lang.instrument.Instrumentation;

/**
 * The {@code -javaagent} entry point of the {@code weft-continuations} jar: instruments suspendable
 * classes as they load.
 *
 * <pre class="language-sh">{@code
 * java -javaagent:weft-continuations-0.1.0.jar -cp app.jar:weft-continuations-0.1.0.jar:... com.acme.Main
 * }</pre>
 *
 * <p>Library code that says nothing of Weft can be declared suspendable, so that a callback passed
 * through it may suspend: list it in the agent's {@code suspendables} option (entries separated by
 * commas), in the {@code weft.suspendables} system property, or in a
 * {@code META-INF/weft/suspendables} resource of the application's jar. Every method of a listed
 * class gets frame code, with every call in it a suspension point. JDK classes are refused.
 *
 * <pre class="language-sh">{@code
 * java -javaagent:weft-continuations-0.1.0.jar=suspendables=com.google.common.collect.* -cp ... com.acme.Main
 * }</pre>
 *
 * <p>The jar's dependencies (Byte Buddy and ASM) must be on the class path, as Maven puts them
 * for any project that depends on {@code weft-continuations}. Without them the agent stops the
 * JVM at start-up with an {@link IllegalStateException} naming the missing jars. The
 * {@code weft-agent} jar is the same agent with its own Byte Buddy and ASM inside:
 * {@code -javaagent:weft-agent-0.1.0.jar} needs nothing else.
 */
public final class WeftAgent {
  private WeftAgent() {}

  /** Called by the JVM for {@code -javaagent}. */
  public static void premain(String args, Instrumentation inst) {
    RequiredLibraries.checkForAgent();
    Weft.install(inst, false, suspendables(args));
  }

  /** Called by the JVM when the agent is attached at run time. */
  public static void agentmain(String args, Instrumentation inst) {
    RequiredLibraries.checkForAgent();
    Weft.install(inst, true, suspendables(args));
  }

  /** The agent's one option, {@code suspendables=...}; anything else is refused, naming it. */
  static String suspendables(String args) {
    if (args == null || args.isBlank()) return "";
    String option = "suspendables=";
    if (!args.startsWith(option)) {
      throw new IllegalArgumentException("unknown option to Weft's agent: '" + args
          + "'; the one option is suspendables=<entries separated by commas>, e.g. suspendables=com.google.common.collect.*");
    }
    return args.substring(option.length());
  }
}

package dev.weft.continuations.instrument;

import dev.weft.continuations.instrument.internal.Suspendables;
import java.lang.instrument.Instrumentation;
import dev.weft.continuations.instrument.internal.Relaunch;
import dev.weft.continuations.internal.abi.Instrumented;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Run-time instrumentation by self-attach, for tests, scripts and quick starts.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   Weft.install();                 // before any class that suspends is loaded
 *   App.run();
 * }
 * }</pre>
 *
 * <p>Only classes loaded after the call are instrumented: a class loaded before it stays as it
 * was (the JVM cannot add the methods instrumentation needs to a loaded class), and suspending
 * through it fails with a {@link dev.weft.continuations.SuspendException} naming it. The class
 * holding {@code main} is always loaded too early for {@code install()}; {@link #launch} handles
 * that case in one line. Prefer the build plugin ({@link WeftPlugin}) in production.
 */
public final class Weft {
  /**
   * The system property that declares library code suspendable for load-time instrumentation:
   * entries as in a {@code META-INF/weft/suspendables} resource, separated by commas, e.g.
   * {@code -Dweft.suspendables=com.google.common.collect.*,org.apache.commons.collections4.**}.
   */
  public static final String SUSPENDABLES_PROPERTY = "weft.suspendables";

  /**
   * The system property that, set to {@code true} where classes are instrumented (the build's
   * JVM, {@code mvn -Dweft.allLocals=true ...}, or the application's under the agent), saves every
   * local variable at a suspension point, not only those read after it. For stepping through
   * resumed code in a debugger: otherwise a variable still in scope but never read again shows
   * zero or null after a resume. Costs a slot per such variable in every saved frame.
   */
  public static final String ALL_LOCALS_PROPERTY = "weft.allLocals";

  private static boolean installed;

  private Weft() {}

  /**
   * Attaches Weft's agent to the running JVM. Calling it again, or after {@code -javaagent}, does
   * nothing.
   *
   * @throws IllegalStateException if the JVM does not allow attaching (no attach module, or
   *     attaching disabled); run with {@code -javaagent} instead
   * @throws IllegalStateException if Byte Buddy or ASM is missing from the class path, naming it
   */
  public static synchronized void install() {
    if (installed) return;
    RequiredLibraries.checkForSelfAttach();
    Instrumentation inst;
    try {
      inst = ByteBuddyAgent.install();
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot self-attach Weft's agent (" + e.getMessage()
          + "); run with -javaagent:weft-continuations.jar instead", e);
    }
    install(inst, true, "");
  }

  /**
   * Self-attach for the class that holds {@code main}: installs load-time instrumentation, then
   * runs {@code app.main(args)} again from a fresh copy of the application's classes (loaded after
   * the install, so instrumented) and returns true; the caller then returns. In that relaunched
   * copy, and when {@code app} was instrumented at build time, it returns false at once and
   * {@code main} goes on.
   *
   * <pre>{@code
   * public final class App {
   *   public static void main(String[] args) throws Exception {
   *     if (Weft.launch(App.class, args)) return;     // first line of main
   *     Asyncio.run(App::serve);                      // App's own lambdas may suspend
   *   }
   * }
   * }</pre>
   *
   * <p>Weft's own classes, Byte Buddy, ASM and the JDK are not loaded twice. Static state the
   * first copy of {@code app} set up before this call is not seen by the second.
   *
   * @throws Exception whatever the relaunched {@code main} throws, as the same instance
   * @throws UnsupportedOperationException if {@code app} is in a named module (use the agent)
   * @throws IllegalStateException if self-attach is not possible (see {@link #install()})
   */
  public static boolean launch(Class<?> app, String... args) throws Exception {
    if (Relaunch.isRelaunched(app) || app.isAnnotationPresent(Instrumented.class)) return false;
    install();
    try {
      Relaunch.run(app, args);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new java.lang.reflect.UndeclaredThrowableException(t);
    }
    return true;
  }

  /** Whether instrumentation at load time is active in this JVM. */
  public static synchronized boolean isInstalled() {
    return installed;
  }

  /**
   * {@code selfAttached}: after start-up (classes loaded before it stay as they are), as opposed to
   * premain; {@code suspendables}: library code declared suspendable by the agent's option, to which
   * the {@value #SUSPENDABLES_PROPERTY} system property adds.
   *
   * @throws IllegalArgumentException if the list is malformed or names JDK classes, saying which
   */
  static synchronized void install(Instrumentation inst, boolean selfAttached, String suspendables) {
    if (installed) return;
    Suspendables configured = Suspendables.parse("the agent's suspendables option", suspendables)
        .and(Suspendables.parse("-D" + SUSPENDABLES_PROPERTY, System.getProperty(SUSPENDABLES_PROPERTY, "")));
    inst.addTransformer(new WeftTransformer(configured), false);
    installed = true;
    dev.weft.continuations.internal.Diagnosis.loadTimeInstrumentationActive(selfAttached);
  }
}

package dev.weft.continuations;

import static dev.weft.testing.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Issue #9, bad input: each misuse of SEMANTICS C8-C11 fails with {@link SuspendException} whose
 * message names the culprit (the method, or the continuation with its scope and state), not only
 * the rule. {@link ContinuationMisuseTest} covers the rules themselves.
 */
class ContinuationMisuseNamesTest {
  static final ContinuationScope S = new ContinuationScope("misuse-names");

  static void suspendOutside() throws Suspend {
    Continuation.suspend(S);
  }

  @Test // SEMANTICS C8
  void suspend_outsideAnyContinuation_namesCallerAndScope() {
    SuspendException e = assertThrows(SuspendException.class, ContinuationMisuseNamesTest::suspendOutside);
    assertContains(e, "ContinuationMisuseNamesTest.suspendOutside()V");
    assertContains(e, "misuse-names");
    assertContains(e, "no continuation of that scope is running");
  }

  static final class SuspendsInStaticInitialiser {
    static {
      ContinuationMisuseTest.annotatedSuspender();
    }

    static void touch() {}
  }

  @Test // SEMANTICS C10: the JVM wraps what a static initialiser throws; the cause names it
  void suspend_fromStaticInitialiser_namesClinit() {
    Continuation k = new Continuation(ContinuationMisuseTest.S, SuspendsInStaticInitialiser::touch);
    ExceptionInInitializerError e = assertThrows(ExceptionInInitializerError.class, k::run);
    SuspendException cause = assertInstanceOf(SuspendException.class, e.getCause());
    assertContains(cause, "SuspendsInStaticInitialiser.<clinit>");
    assertContains(cause, "constructors and static initialisers cannot suspend");
  }

  @Test // SEMANTICS C11
  void run_done_namesContinuationScopeAndState() {
    Continuation k = new Continuation(S, () -> { });
    k.run();
    SuspendException e = assertThrows(SuspendException.class, k::run);
    assertContains(e, "cannot run Continuation[misuse-names, done]");
  }

  @Test // SEMANTICS C11
  void run_fromItsOwnBody_namesContinuationAsRunning() {
    Continuation[] self = new Continuation[1];
    SuspendException[] seen = new SuspendException[1];
    self[0] = new Continuation(S, () -> seen[0] = assertThrows(SuspendException.class, self[0]::run));
    self[0].run();
    assertContains(seen[0], "cannot run Continuation[misuse-names, running]");
  }
}

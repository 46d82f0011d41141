package dev.weft.continuations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.SuspendException.Reason;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every refusal carries its reason and the frame it blames as values, not only in the message. */
class SuspendReasonTest {
  static final ContinuationScope S = new ContinuationScope("reason");

  static SuspendException refusal(SuspendableRunnable body) {
    return assertThrows(SuspendException.class, new Continuation(S, body)::run);
  }

  static void suspendHere() throws Suspend {
    Continuation.suspend(S);
  }

  @Test
  void noContinuation_blamesTheMethodThatSuspended() {
    SuspendException e = refusal(() -> Continuation.suspend(new ContinuationScope("elsewhere")));
    assertEquals(Reason.NO_CONTINUATION, e.reason());
    assertNotNull(e.frame());
    assertEquals(SuspendReasonTest.class.getName(), e.frame().getClassName());
    assertTrue(e.frame().getMethodName().startsWith("lambda$noContinuation"), e.frame().toString());
  }

  @Test
  void outsideAnyContinuation_isNoContinuation() {
    SuspendException e = assertThrows(SuspendException.class, () -> Continuation.suspend(S));
    assertEquals(Reason.NO_CONTINUATION, e.reason());
  }

  static final Object LOCK = new Object();

  @Test
  void insideSynchronized_isInMonitor() {
    SuspendException e = refusal(() -> {
      synchronized (LOCK) {
        suspendHere();
      }
    });
    assertEquals(Reason.IN_MONITOR, e.reason());
  }

  /* The mistake a Python user makes first: yielding from a lambda handed to JDK code. */
  @Test
  void throughForEach_isJdkFrame_blamingTheJdkMethod_andAdvisingAPlainLoop() {
    SuspendException e = refusal(() -> List.of(1, 2).forEach(x -> {
      try {
        suspendHere();
      } catch (Suspend impossible) {
        throw new AssertionError(impossible);
      }
    }));
    assertEquals(Reason.JDK_FRAME, e.reason());
    assertTrue(e.frame().getClassName().startsWith("java."), e.frame().toString());
    assertTrue(e.frame().getMethodName().equals("forEach"), e.frame().toString());
    assertTrue(e.getMessage().contains("JDK code cannot suspend"), e.getMessage());
    assertTrue(e.getMessage().contains("plain for loop"), e.getMessage());
  }

  public static void reflective() throws Suspend {
    suspendHere();
  }

  @Test
  void throughReflection_isReflection_blamingMethodInvoke() throws Exception {
    Method m = SuspendReasonTest.class.getMethod("reflective");
    SuspendException e = refusal(() -> {
      try {
        m.invoke(null);
      } catch (InvocationTargetException ite) {
        throw (RuntimeException) ite.getCause();
      } catch (IllegalAccessException iae) {
        throw new AssertionError(iae);
      }
    });
    assertEquals(Reason.REFLECTION, e.reason());
    assertEquals("java.lang.reflect.Method", e.frame().getClassName());
    assertEquals("invoke", e.frame().getMethodName());
  }

  @Test
  void fromConstructor_isInInitializer_blamingTheConstructor() {
    // ContinuationMisuseTest's fixture: a constructor calling an @Suspendable method that suspends its scope
    SuspendException e = assertThrows(SuspendException.class,
        new Continuation(ContinuationMisuseTest.S, () -> new ContinuationMisuseTest.SuspendsInConstructor())::run);
    assertEquals(Reason.IN_INITIALIZER, e.reason());
    assertEquals("<init>", e.frame().getMethodName());
    assertTrue(e.frame().getClassName().endsWith("SuspendsInConstructor"), e.frame().toString());
  }

  interface Plain {
    void go();
  }

  /* An instrumented class whose lambda does not declare throws Suspend: its frame cannot be saved. */
  @Test
  void throughNonSuspendableLambda_isNotSuspendable_blamingTheLambda() {
    Plain plain = () -> {
      try {
        suspendHere();
      } catch (Suspend impossible) {
        throw new AssertionError(impossible);
      }
    };
    SuspendException e = refusal(() -> plain.go());
    assertEquals(Reason.NOT_SUSPENDABLE, e.reason(), e.getMessage());
    assertTrue(e.frame().getMethodName().startsWith("lambda$"), e.frame().toString());
  }

  @Test
  void runStates_areDoneRunningAndCaptured() {
    Continuation done = new Continuation(S, () -> {});
    done.run();
    SuspendException d = assertThrows(SuspendException.class, done::run);
    assertEquals(Reason.DONE, d.reason());
    assertNull(d.frame());

    Continuation[] self = new Continuation[1];
    SuspendException[] running = new SuspendException[1];
    self[0] = new Continuation(S, () -> {
      try {
        self[0].run();
      } catch (SuspendException e) {
        running[0] = e;
      }
    });
    self[0].run();
    assertEquals(Reason.RUNNING, running[0].reason());

    ContinuationScope outerScope = new ContinuationScope("outer");
    Continuation[] inner = new Continuation[1];
    Continuation outer = new Continuation(outerScope, () -> {
      inner[0] = new Continuation(S, () -> Continuation.suspend(outerScope));
      inner[0].run();
    });
    outer.run();
    SuspendException c = assertThrows(SuspendException.class, inner[0]::run);
    assertEquals(Reason.CAPTURED, c.reason());
  }

  @Test
  void messageOnlyConstructor_isOther() {
    SuspendException e = new SuspendException("custom");
    assertEquals(Reason.OTHER, e.reason());
    assertNull(e.frame());
    assertEquals("custom", e.getMessage());
  }
}

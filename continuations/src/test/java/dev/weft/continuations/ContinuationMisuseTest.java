package dev.weft.continuations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SEMANTICS C8-C10: misuse is refused before anything is saved, naming the culprit. */
class ContinuationMisuseTest {
  static final ContinuationScope S = new ContinuationScope("misuse");
  final List<String> log = new ArrayList<>();

  static final Object LOCK = new Object();

  static synchronized void synchronizedMethod() throws Suspend {
    Continuation.suspend(S);
  }

  static void synchronizedBlock() throws Suspend {
    synchronized (LOCK) {
      Continuation.suspend(S);
    }
  }

  static void callsSynchronizedMethod() throws Suspend {
    synchronizedMethod();
  }

  // SEMANTICS C10
  @Test
  void suspend_insideSynchronizedMethod_throwsNamingMethod() {
    SuspendException e = runExpectingFailure(ContinuationMisuseTest::synchronizedMethod);
    assertTrue(e.getMessage().contains("cannot suspend inside synchronized"), e.getMessage());
    assertTrue(e.getMessage().contains("synchronizedMethod"), e.getMessage());
  }

  // SEMANTICS C10
  @Test
  void suspend_insideSynchronizedBlock_throwsNamingMethodAndReleasesLock() {
    SuspendException e = runExpectingFailure(ContinuationMisuseTest::synchronizedBlock);
    assertTrue(e.getMessage().contains("synchronizedBlock"), e.getMessage());
    assertFalse(Thread.holdsLock(LOCK));
  }

  // SEMANTICS C10: the monitor is held by a caller, not by the frame that suspends
  @Test
  void suspend_belowSynchronizedCaller_throwsNamingTheCaller() {
    SuspendException e = runExpectingFailure(ContinuationMisuseTest::callsSynchronizedMethod);
    assertTrue(e.getMessage().contains("synchronizedMethod"), e.getMessage());
  }

  interface Plain {
    void go();
  }

  static void suspendsInside() throws Suspend {
    Continuation.suspend(S);
  }

  // SEMANTICS C9: a frame that is not suspendable lies between the body and suspend()
  @Test
  void suspend_throughNonSuspendableLambda_throwsNamingIt() {
    Plain plain = () -> {
      try {
        suspendsInside();
      } catch (Suspend impossible) {
        throw new AssertionError(impossible);
      }
    };
    SuspendException e = runExpectingFailure(() -> plain.go());
    assertTrue(e.getMessage().contains("cannot suspend"), e.getMessage());
    assertTrue(e.getMessage().contains("lambda$"), e.getMessage());
  }

  public static void reflective() throws Suspend {
    Continuation.suspend(S);
  }

  // SEMANTICS C9: reflection frames are not instrumented
  @Test
  void suspend_throughReflection_throwsNamingUninstrumentedFrame() throws Exception {
    Method m = ContinuationMisuseTest.class.getMethod("reflective");
    Continuation k = new Continuation(S, () -> {
      try {
        m.invoke(null);
      } catch (InvocationTargetException ite) {
        throw (RuntimeException) ite.getCause();
      } catch (IllegalAccessException iae) {
        throw new AssertionError(iae);
      }
    });
    SuspendException e = assertThrows(SuspendException.class, k::run);
    assertTrue(e.getMessage().contains("cannot suspend"), e.getMessage());
    // names the reflective frame, not the lambda that called it, and says what helps
    assertTrue(e.getMessage().contains("through java.lang.reflect.Method.invoke("), e.getMessage());
    assertTrue(e.getMessage().contains("reflection and method handles cannot carry a suspension; call the method directly"),
        e.getMessage());
    assertTrue(k.isDone());
  }

  // SEMANTICS C8, C9: the failure travels through the body, which can catch it and go on
  @Test
  void suspendFailure_caughtByBody_continuationStillUsable() {
    Continuation k = new Continuation(S, () -> {
      try {
        synchronizedMethod();
      } catch (SuspendException e) {
        log.add("caught");
      }
      Continuation.suspend(S);
      log.add("resumed");
    });
    k.run();
    assertEquals(List.of("caught"), log);
    assertFalse(k.isDone());
    k.run();
    assertEquals(List.of("caught", "resumed"), log);
  }

  // SEMANTICS C8
  @Test
  void suspend_otherScopeOnly_throwsNamingScope() {
    ContinuationScope other = new ContinuationScope("other");
    Continuation k = new Continuation(S, () -> Continuation.suspend(other));
    SuspendException e = assertThrows(SuspendException.class, k::run);
    assertTrue(e.getMessage().contains("other"), e.getMessage());
    assertTrue(e.getMessage().contains("no continuation of that scope"), e.getMessage());
  }

  static final class SuspendsInConstructor {
    SuspendsInConstructor() {
      annotatedSuspender();
    }
  }

  @Suspendable
  static void annotatedSuspender() {
    try {
      suspendsInside();
    } catch (Suspend impossible) {
      throw new AssertionError(impossible);
    }
  }

  // SEMANTICS C10: a constructor cannot keep a frame
  @Test
  void suspend_fromConstructorBody_throwsNamingTheConstructor() {
    SuspendException e = runExpectingFailure(() -> new SuspendsInConstructor());
    assertTrue(e.getMessage().contains("SuspendsInConstructor.<init>"), e.getMessage());
    assertTrue(e.getMessage().contains("constructors and static initialisers cannot suspend"), e.getMessage());
  }

  private static SuspendException runExpectingFailure(SuspendableRunnable body) {
    Continuation k = new Continuation(S, body);
    SuspendException e = assertThrows(SuspendException.class, k::run);
    assertTrue(k.isDone());
    return e;
  }
}

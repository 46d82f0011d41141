package dev.weft.continuations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContinuationBasicsTest {
  static final ContinuationScope SCOPE = new ContinuationScope("test");
  final List<String> log = new ArrayList<>();

  // SEMANTICS C1, C2, C3
  @Test
  void run_suspendsAndResumes_continuesAfterSuspend() {
    Continuation k = new Continuation(SCOPE, () -> {
      log.add("a");
      Continuation.suspend(SCOPE);
      log.add("b");
      Continuation.suspend(SCOPE);
      log.add("c");
    });
    k.run();
    assertEquals(List.of("a"), log);
    assertFalse(k.isDone());
    k.run();
    assertEquals(List.of("a", "b"), log);
    k.run();
    assertEquals(List.of("a", "b", "c"), log);
    assertTrue(k.isDone());
    SuspendException e = assertThrows(SuspendException.class, k::run);
    assertTrue(e.getMessage().contains("done"), e.getMessage());
  }

  // SEMANTICS C2: every kind of local survives
  @Test
  void suspend_localsOfEveryType_areIntact() {
    Object[] seen = new Object[1];
    Continuation k = new Continuation(SCOPE, () -> {
      boolean z = true;
      byte b = 7;
      char c = 'x';
      short s = -3;
      int i = 123456;
      long l = Long.MIN_VALUE + 5;
      float f = 1.5f;
      double d = -2.25e300;
      String str = "str";
      int[] arr = {1, 2};
      Continuation.suspend(SCOPE);
      seen[0] = z + "," + b + "," + c + "," + s + "," + i + "," + l + "," + f + "," + d + "," + str + "," + arr[1];
    });
    k.run();
    k.run();
    assertEquals("true,7,x,-3,123456," + (Long.MIN_VALUE + 5) + ",1.5,-2.25E300,str,2", seen[0]);
  }

  static int twice(int x) throws Suspend {
    Continuation.suspend(SCOPE);
    return x * 2;
  }

  static long addLong(long a, double b) throws Suspend {
    long r = a + (long) b + twice(3);
    Continuation.suspend(SCOPE);
    return r;
  }

  // SEMANTICS C2: half-evaluated expressions keep their operands
  @Test
  void suspend_operandsOnStack_areIntact() {
    long[] out = new long[1];
    Continuation k = new Continuation(SCOPE, () -> out[0] = 1000L + addLong(10, 20.0) * twice(5));
    int runs = 0;
    while (!k.isDone()) {
      k.run();
      runs++;
    }
    assertEquals(1000L + (10 + 20 + 6) * 10L, out[0]);
    assertEquals(4, runs);
  }

  // SEMANTICS C4
  @Test
  void run_exceptionAfterResume_comesOutOfThatRun() {
    IllegalStateException boom = new IllegalStateException("boom");
    Continuation k = new Continuation(SCOPE, () -> {
      Continuation.suspend(SCOPE);
      throw boom;
    });
    k.run();
    assertSame(boom, assertThrows(IllegalStateException.class, k::run));
    assertTrue(k.isDone());
  }

  // SEMANTICS C5, C6
  @Test
  void suspend_insideTryFinally_finallyRunsOnceAtTheEnd() {
    Continuation k = new Continuation(SCOPE, () -> {
      try {
        log.add("try");
        Continuation.suspend(SCOPE);
        log.add("resumed");
      } finally {
        log.add("finally");
      }
    });
    k.run();
    assertEquals(List.of("try"), log);
    k.run();
    assertEquals(List.of("try", "resumed", "finally"), log);
  }

  static void thrower(RuntimeException e) throws Suspend {
    Continuation.suspend(SCOPE);
    throw e;
  }

  // SEMANTICS C5: an exception thrown by a resumed callee is caught around the original call
  @Test
  void resumedCallee_throws_callerCatchesIt() {
    RuntimeException e = new RuntimeException("x");
    Object[] caught = new Object[1];
    Continuation k = new Continuation(SCOPE, () -> {
      try {
        thrower(e);
      } catch (RuntimeException r) {
        caught[0] = r;
      }
    });
    k.run();
    k.run();
    assertSame(e, caught[0]);
    assertTrue(k.isDone());
  }

  // SEMANTICS C8
  @Test
  void suspend_outsideContinuation_throwsNamingMethod() {
    SuspendException e = assertThrows(SuspendException.class, () -> Continuation.suspend(SCOPE));
    assertTrue(e.getMessage().contains("no continuation of that scope"), e.getMessage());
  }
}

package dev.weft.continuations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContinuationNestingTest {
  static final ContinuationScope A = new ContinuationScope("A");
  static final ContinuationScope B = new ContinuationScope("B");
  final List<String> log = new ArrayList<>();

  // SEMANTICS C12
  @Test
  void suspend_sameScopeNested_suspendsOnlyInnermost() {
    Continuation inner = new Continuation(A, () -> {
      log.add("inner1");
      Continuation.suspend(A);
      log.add("inner2");
    });
    Continuation outer = new Continuation(A, () -> {
      inner.run();
      log.add("outer after inner.run");
      Continuation.suspend(A);
      inner.run();
      log.add("outer end");
    });
    outer.run();
    assertEquals(List.of("inner1", "outer after inner.run"), log);
    outer.run();
    assertEquals(List.of("inner1", "outer after inner.run", "inner2", "outer end"), log);
    assertTrue(inner.isDone());
    assertTrue(outer.isDone());
  }

  static void deepSuspend(int depth, ContinuationScope scope, List<String> log) throws Suspend {
    if (depth == 0) {
      Continuation.suspend(scope);
      log.add("bottom resumed");
      return;
    }
    long keep = depth * 3L;
    deepSuspend(depth - 1, scope, log);
    log.add("up " + keep);
  }

  // SEMANTICS C13, C14
  @Test
  void suspend_outerScopeFromInner_unwindsBothAndResumesBoth() {
    Continuation[] innerRef = new Continuation[1];
    Continuation outer = new Continuation(A, () -> {
      Continuation inner = new Continuation(B, () -> {
        log.add("inner start");
        deepSuspend(2, A, log);
        log.add("inner middle");
        Continuation.suspend(B);
        log.add("inner end");
      });
      innerRef[0] = inner;
      inner.run();
      log.add("outer sees inner suspended on B, done=" + inner.isDone());
      inner.run();
      log.add("outer end");
    });
    outer.run();
    assertEquals(List.of("inner start"), log);
    assertFalse(outer.isDone());
    assertFalse(innerRef[0].isDone());
    SuspendException direct = assertThrows(SuspendException.class, innerRef[0]::run);
    assertTrue(direct.getMessage().contains("captured"), direct.getMessage());
    outer.run();
    assertEquals(List.of("inner start", "bottom resumed", "up 3", "up 6", "inner middle",
        "outer sees inner suspended on B, done=false", "inner end", "outer end"), log);
    assertTrue(outer.isDone());
  }

  // SEMANTICS C13: suspending the outer scope repeatedly from inside the inner one
  @Test
  void suspend_outerScopeRepeatedly_eachRunOfOuterAdvancesInner() {
    Continuation outer = new Continuation(A, () -> {
      Continuation inner = new Continuation(B, () -> {
        for (int i = 0; i < 3; i++) {
          log.add("i" + i);
          Continuation.suspend(A);
        }
      });
      inner.run();
      log.add("done");
    });
    int runs = 0;
    while (!outer.isDone()) {
      outer.run();
      runs++;
    }
    assertEquals(List.of("i0", "i1", "i2", "done"), log);
    assertEquals(4, runs);
  }

  // SEMANTICS C11
  @Test
  void run_fromInsideItsOwnBody_throwsAndLeavesItRunning() {
    Continuation[] self = new Continuation[1];
    Object[] caught = new Object[1];
    self[0] = new Continuation(A, () -> {
      try {
        self[0].run();
      } catch (SuspendException e) {
        caught[0] = e;
      }
      Continuation.suspend(A);
      log.add("resumed");
    });
    self[0].run();
    assertTrue(((SuspendException) caught[0]).getMessage().contains("running"));
    self[0].run();
    assertEquals(List.of("resumed"), log);
  }
}

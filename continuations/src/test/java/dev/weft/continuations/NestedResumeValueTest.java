package dev.weft.continuations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.internal.Suspensions;
import dev.weft.continuations.internal.abi.Frames;
import dev.weft.continuations.internal.abi.Runner;
import dev.weft.continuations.internal.abi.SizeHint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an outer continuation is resumed with reaches the frame that suspended it, however many
 * continuations of other scopes lie in between (each of them captured by the unwinding). The
 * outer ones are runners, as in the layers above, which hand values in through Suspensions.
 */
class NestedResumeValueTest {
  static final ContinuationScope OUTER = new ContinuationScope("outer");
  static final ContinuationScope MIDDLE = new ContinuationScope("middle");
  static final ContinuationScope INNER = new ContinuationScope("inner");

  static final class Boom extends RuntimeException {
    Boom(String m) {
      super(m);
    }
  }

  private static final long TAKE = Suspensions.tokenOf(NestedResumeValueTest.class, "take", ContinuationScope.class);

  /** Suspends {@code scope} on behalf of its caller and returns what the scope is resumed with. */
  @SuppressWarnings("unused")
  static Object take(ContinuationScope scope) throws Suspend {
    return Suspensions.suspendCaller(scope, TAKE);
  }

  static Object takeDeep(int depth, ContinuationScope scope) throws Suspend {
    if (depth == 0) return take(scope);
    Object v = takeDeep(depth - 1, scope);
    return v + "+" + depth;
  }

  final List<Object> seen = new ArrayList<>();

  @Test
  void valueForOuter_reachesFrameInsideInnerContinuation() {
    Runner outer = new Runner(new SizeHint(OUTER), () -> {
      Continuation inner = new Continuation(INNER, () -> seen.add(take(OUTER)));
      inner.run();
      seen.add("inner done=" + inner.isDone());
    });
    outer.run(Frames.carrier());
    Suspensions.resumeWith(outer, "to inner", null);
    outer.run(Frames.carrier());
    assertEquals(List.of("to inner", "inner done=true"), seen);
    assertTrue(outer.isDone());
  }

  @Test
  void valueForOuter_reachesFrameThreeCallsDownInsideTwoCapturedContinuations() {
    Runner outer = new Runner(new SizeHint(OUTER), () -> {
      Continuation middle = new Continuation(MIDDLE, () -> {
        Continuation inner = new Continuation(INNER, () -> {
          for (int i = 0; i < 3; i++) seen.add(takeDeep(2, OUTER));
        });
        inner.run();
        seen.add("middle after inner");
      });
      middle.run();
      seen.add("outer after middle");
    });
    outer.run(Frames.carrier());
    for (int i = 0; i < 3; i++) {
      Suspensions.resumeWith(outer, "v" + i, null);
      outer.run(Frames.carrier());
    }
    assertEquals(List.of("v0+1+2", "v1+1+2", "v2+1+2", "middle after inner", "outer after middle"), seen);
    assertTrue(outer.isDone());
  }

  @Test
  void failureForOuter_isThrownAtTheSuspendedCallInsideInnerContinuation() {
    Boom boom = new Boom("for the inner frame");
    Runner outer = new Runner(new SizeHint(OUTER), () -> {
      Continuation inner = new Continuation(INNER, () -> {
        try {
          takeDeep(1, OUTER);
          seen.add("not thrown");
        } catch (Boom b) {
          seen.add(b);
        }
        seen.add(take(OUTER));
      });
      inner.run();
    });
    outer.run(Frames.carrier());
    Suspensions.resumeWith(outer, null, boom);
    outer.run(Frames.carrier());
    Suspensions.resumeWith(outer, "after the catch", null);
    outer.run(Frames.carrier());
    assertEquals(2, seen.size());
    assertSame(boom, seen.get(0));
    assertEquals("after the catch", seen.get(1));
    assertTrue(outer.isDone());
  }

  @Test
  void failureForOuter_notCaughtInside_propagatesOutThroughEveryFinally() {
    Boom boom = new Boom("through");
    Runner outer = new Runner(new SizeHint(OUTER), () -> {
      Continuation middle = new Continuation(MIDDLE, () -> {
        Continuation inner = new Continuation(INNER, () -> {
          try {
            take(OUTER);
          } finally {
            seen.add("inner finally");
          }
        });
        try {
          inner.run();
        } finally {
          seen.add("middle finally, inner done=" + inner.isDone());
        }
      });
      try {
        middle.run();
      } catch (Boom b) {
        seen.add(b);
      }
    });
    outer.run(Frames.carrier());
    Suspensions.resumeWith(outer, null, boom);
    outer.run(Frames.carrier());
    assertEquals(List.of("inner finally", "middle finally, inner done=true", boom), seen);
    assertTrue(outer.isDone());
  }

  @Test
  void innerResumedOnItsOwnScope_stillGetsItsOwnValue() {
    Runner outer = new Runner(new SizeHint(OUTER), () -> {
      Runner inner = new Runner(new SizeHint(INNER), () -> {
        seen.add(take(OUTER));
        seen.add(take(INNER));
      });
      inner.run(Frames.carrier());
      Suspensions.resumeWith(inner, "for inner's own scope", null);
      inner.run(Frames.carrier());
      seen.add("inner done=" + inner.isDone());
    });
    outer.run(Frames.carrier());
    Suspensions.resumeWith(outer, "for outer", null);
    outer.run(Frames.carrier());
    assertEquals(List.of("for outer", "for inner's own scope", "inner done=true"), seen);
  }
}

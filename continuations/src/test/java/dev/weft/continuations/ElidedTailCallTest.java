package dev.weft.continuations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.internal.ElidesTailCalls;
import dev.weft.continuations.internal.Suspensions;
import dev.weft.continuations.internal.abi.Frames;
import dev.weft.continuations.internal.abi.Runner;
import dev.weft.continuations.internal.abi.SizeHint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A method marked {@link ElidesTailCalls} saves no record at a suspending tail call, and its
 * caller gets what the suspended call is resumed with (value or exception) as if the method had
 * returned it; a call inside a handler, or followed by a cast, is not a tail call and is saved.
 */
class ElidedTailCallTest {
  static final ContinuationScope SCOPE = new ContinuationScope("tail calls");
  static final long TAKE = Suspensions.tokenOf(ElidedTailCallTest.class, "take");

  static final class Boom extends RuntimeException {
    Boom(String m) {
      super(m);
    }
  }

  /** Suspends on behalf of its caller; returns what the runner is resumed with. */
  static Object take() throws Suspend {
    return Suspensions.suspendCaller(SCOPE, TAKE);
  }

  /** An instrumented frame of its own below the elided one: it has work left after the suspension. */
  static Object leaf() throws Suspend {
    Object v = take();
    return v + "!";
  }

  static int leafLength() throws Suspend {
    Object v = take();
    return ((String) v).length();
  }

  @ElidesTailCalls
  static Object elided() throws Suspend {
    return take();
  }

  @ElidesTailCalls
  static Object elidedOverLeaf() throws Suspend {
    return leaf();
  }

  @ElidesTailCalls
  static int elidedInt() throws Suspend {
    return leafLength();
  }

  static Object notMarked() throws Suspend {
    return take();
  }

  static int cleanups;

  @ElidesTailCalls
  static Object guarded() throws Suspend {
    try {
      return take();
    } finally {
      cleanups++;
    }
  }

  @ElidesTailCalls
  static String cast() throws Suspend {
    return (String) take();
  }

  final List<Object> seen = new ArrayList<>();

  interface Call {
    Object call() throws Suspend;
  }

  private Runner suspendedIn(Call call) {
    Runner k = new Runner(new SizeHint(SCOPE), () -> {
      try {
        seen.add("got " + call.call());
      } catch (Boom b) {
        seen.add("caught " + b.getMessage());
      }
    });
    k.run(Frames.carrier());
    assertFalse(k.isDone());
    return k;
  }

  private static List<String> methods(Runner k) {
    List<String> names = new ArrayList<>();
    for (StackTraceElement e : k.savedStack()) names.add(e.getMethodName());
    return names;
  }

  private void resume(Runner k, Object value, Throwable failure) {
    Suspensions.resumeWith(k, value, failure);
    k.run(Frames.carrier());
    assertTrue(k.isDone());
  }

  @Test
  void tailCall_savesNoRecord_andTheCallerGetsTheValue() {
    Runner k = suspendedIn(ElidedTailCallTest::elided);
    assertFalse(methods(k).contains("elided"), methods(k).toString());
    resume(k, "x", null);
    assertEquals(List.of("got x"), seen);
  }

  @Test
  void tailCall_theCallerGetsTheExceptionAtItsCall() {
    Runner k = suspendedIn(ElidedTailCallTest::elided);
    resume(k, null, new Boom("thrown in"));
    assertEquals(List.of("caught thrown in"), seen);
  }

  @Test
  void tailCallOverAFrameOfItsOwn_thatFrameHandsItsResultToTheElidedOnesCaller() {
    Runner k = suspendedIn(ElidedTailCallTest::elidedOverLeaf);
    List<String> saved = methods(k);
    assertTrue(saved.contains("leaf") && !saved.contains("elidedOverLeaf"), saved.toString());
    resume(k, "y", null);
    assertEquals(List.of("got y!"), seen);
  }

  @Test
  void primitiveTailCall_passesTheValueWithItsKind() {
    Runner k = suspendedIn(() -> elidedInt() + 1);
    assertFalse(methods(k).contains("elidedInt"), methods(k).toString());
    resume(k, "four", null);
    assertEquals(List.of("got 5"), seen);
  }

  @Test
  void unmarkedMethod_savesItsTailCall() {
    Runner k = suspendedIn(ElidedTailCallTest::notMarked);
    assertTrue(methods(k).contains("notMarked"), methods(k).toString());
    resume(k, "z", null);
    assertEquals(List.of("got z"), seen);
  }

  @Test
  void callInsideAHandler_isSaved_andTheHandlerRunsAfterTheResume() {
    cleanups = 0;
    Runner k = suspendedIn(ElidedTailCallTest::guarded);
    assertTrue(methods(k).contains("guarded"), methods(k).toString());
    assertEquals(0, cleanups);
    resume(k, null, new Boom("through finally"));
    assertEquals(1, cleanups);
    assertEquals(List.of("caught through finally"), seen);
  }

  @Test
  void callFollowedByACast_isSaved_andTheCastStillApplies() {
    Runner k = suspendedIn(ElidedTailCallTest::cast);
    assertTrue(methods(k).contains("cast"), methods(k).toString());
    Suspensions.resumeWith(k, 42, null);
    assertThrows(ClassCastException.class, () -> k.run(Frames.carrier())); // cast() resumed and cast 42 to String
    assertTrue(k.isDone());
    assertEquals(List.of(), seen);
  }
}

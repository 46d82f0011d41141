package dev.weft.continuations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.internal.Suspensions;
import dev.weft.continuations.internal.abi.Frames;
import dev.weft.continuations.internal.abi.Runner;
import dev.weft.continuations.internal.abi.SizeHint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A suspension point saves only the locals read after it (the instrumenter's liveness analysis):
 * the records are smaller, and every value that is read again, on any path (a loop's next turn, a
 * catch or finally the resumed call throws into, an increment), is still there after the resume.
 */
class DeadLocalsTest {
  static final ContinuationScope S = new ContinuationScope("dead locals");

  static Object sink;

  /* name, len, d and keep are read only before the suspension; only twice after it. */
  static long deadAfter(int d, long keep) throws Suspend {
    String name = "n" + d;
    long twice = keep * 2;
    int len = name.length();
    sink = name + len + d + keep;
    Continuation.suspend(S);
    return twice + 1;
  }

  /* The same locals, every one read after the suspension. */
  static long liveAfter(int d, long keep) throws Suspend {
    String name = "n" + d;
    long twice = keep * 2;
    int len = name.length();
    Continuation.suspend(S);
    return twice + len + name.length() + d + keep;
  }

  private static SizeHint suspendedSize(SuspendableRunnable body) {
    SizeHint hint = new SizeHint(S);
    Runner k = new Runner(hint, body);
    k.run(Frames.carrier());
    assertFalse(k.isDone());
    k.run(Frames.carrier());
    assertTrue(k.isDone());
    return hint;
  }

  static long result;

  @Test
  void localsNotReadAfterTheCall_takeNoSlotInTheRecord() {
    SizeHint dead = suspendedSize(() -> result = deadAfter(3, 5));
    assertEquals(11, result);
    SizeHint live = suspendedSize(() -> result = liveAfter(3, 5));
    assertEquals(10 + 2 + 2 + 3 + 5, result);
    // The two bodies' records are alike but for the dead locals: the String, and d, len and keep.
    assertEquals(1, live.refs - dead.refs, "reference slots");
    assertEquals(3, live.prims - dead.prims, "primitive slots");
  }

  private static List<Object> drain(SuspendableRunnable body) {
    Continuation k = new Continuation(S, body);
    List<Object> out = new ArrayList<>();
    for (int guard = 0; !k.isDone(); guard++) {
      if (guard > 10_000) throw new AssertionError("never finished");
      k.run();
      out.add(sink);
    }
    return out;
  }

  /* tmp is dead at the suspension but written again before each read; i is live through the loop. */
  static int loop() throws Suspend {
    int total = 0;
    for (int i = 0; i < 4; i++) {
      int tmp = i * 10;
      total += tmp;
      Continuation.suspend(S); // i is read (by the loop's iinc) after it, tmp is not
    }
    return total;
  }

  @Test
  void loopTemporaryDeadAtTheSuspension_andTheCounterLive_everyTurnSeesItsValues() {
    int[] out = new int[1];
    List<Object> seen = drain(() -> out[0] = loop());
    assertEquals(5, seen.size());
    assertEquals(0 + 10 + 20 + 30, out[0]);
  }

  /* onlyInHandler is read only by the catch: live across the call the catch covers. */
  static String readInHandler(String onlyInHandler) throws Suspend {
    try {
      Continuation.suspend(S);
      return "no throw";
    } catch (IllegalStateException e) {
      return onlyInHandler + ":" + e.getMessage();
    }
  }

  static int cleanups;

  /* onlyInFinally is read only by the finally block. */
  static String readInFinally(int onlyInFinally) throws Suspend {
    try {
      Continuation.suspend(S);
      return "body";
    } finally {
      cleanups += onlyInFinally;
    }
  }

  @Test
  void localReadOnlyByTheHandler_survivesAnExceptionThrownAtTheResume() {
    Object[] out = new Object[1];
    Runner k = new Runner(new SizeHint(S), () -> out[0] = readInHandler("kept"));
    k.run(Frames.carrier());
    Suspensions.resumeWith(k, null, new IllegalStateException("thrown in"));
    k.run(Frames.carrier());
    assertTrue(k.isDone());
    assertEquals("kept:thrown in", out[0]);
  }

  @Test
  void localReadOnlyByFinally_survivesBothAReturnAndAThrow() {
    cleanups = 0;
    Object[] out = new Object[1];
    Runner k = new Runner(new SizeHint(S), () -> out[0] = readInFinally(7));
    k.run(Frames.carrier());
    k.run(Frames.carrier());
    assertEquals("body", out[0]);
    assertEquals(7, cleanups);
    Runner thrown = new Runner(new SizeHint(S), () -> out[0] = readInFinally(5));
    thrown.run(Frames.carrier());
    Suspensions.resumeWith(thrown, null, new IllegalStateException("x"));
    try {
      thrown.run(Frames.carrier());
    } catch (IllegalStateException expected) {
      // the finally ran on the way out
    }
    assertEquals(12, cleanups);
  }

  /* Two-slot values: a dead long beside a live double, a dead double beside a live long. */
  static double wide(long deadLong, double liveDouble, double deadDouble, long liveLong) throws Suspend {
    sink = deadLong + deadDouble;
    Continuation.suspend(S);
    long n = liveLong;
    n++;
    return liveDouble + n;
  }

  /* One local dead at the first suspension point, live at the second. */
  static int deadThenLive(int x) throws Suspend {
    int y = x + 1;
    Continuation.suspend(S); // x is dead here (overwritten below before any read)
    x = y * 2;
    Continuation.suspend(S); // x is live here
    return x + y;
  }

  /* Written on one branch after the call and read after the merge: live on the other branch. */
  static int branch(boolean overwrite, int v) throws Suspend {
    Continuation.suspend(S);
    if (overwrite) v = 100;
    return v;
  }

  @Test
  void wideValuesDeadOrLive_andALocalDeadAtOneSiteLiveAtAnother_andAMergeAfterABranch() {
    double[] d = new double[1];
    drain(() -> d[0] = wide(1L << 40, 2.5, 3.25, 41));
    assertEquals(2.5 + 42, d[0]);
    int[] i = new int[3];
    drain(() -> i[0] = deadThenLive(4));
    assertEquals(10 + 5, i[0]);
    drain(() -> i[1] = branch(false, 9));
    drain(() -> i[2] = branch(true, 9));
    assertEquals(9, i[1]);
    assertEquals(100, i[2]);
  }

  /* The receiver is dead after the call: its field was read before it. */
  static final class Holder {
    final int base;

    Holder(int base) {
      this.base = base;
    }

    int plus(int v) throws Suspend {
      int b = base;
      Continuation.suspend(S);
      return b + v;
    }
  }

  @Test
  void instanceMethodWhoseReceiverIsDeadAfterTheCall_stillReturnsWhatItComputed() {
    int[] out = new int[1];
    drain(() -> out[0] = new Holder(40).plus(2));
    assertEquals(42, out[0]);
  }
}

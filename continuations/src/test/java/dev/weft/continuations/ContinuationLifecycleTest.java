package dev.weft.continuations;

import dev.weft.testing.Gc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ContinuationLifecycleTest {
  static final ContinuationScope S = new ContinuationScope("life");

  // SEMANTICS C11: a second thread calling run() while the body runs is refused
  @Test
  void run_fromSecondThreadWhileRunning_throwsAndLeavesItAlone() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Continuation k = new Continuation(S, () -> {
      inside.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      Continuation.suspend(S);
    });
    Thread runner = new Thread(k::run);
    runner.start();
    assertTrue(inside.await(30, TimeUnit.SECONDS));
    AtomicReference<Throwable> second = new AtomicReference<>();
    Thread other = new Thread(() -> {
      try {
        k.run();
      } catch (Throwable t) {
        second.set(t);
      }
    });
    other.start();
    other.join();
    release.countDown();
    runner.join();
    assertTrue(second.get() instanceof SuspendException, String.valueOf(second.get()));
    assertTrue(second.get().getMessage().contains("running"), second.get().getMessage());
    k.run(); // the first run suspended normally; this one finishes the body
    assertTrue(k.isDone());
  }

  static Object holdAcrossSuspend(Object payload) throws Suspend {
    Object keep = payload;
    Continuation.suspend(S);
    return keep;
  }

  // SEMANTICS C7: an abandoned suspended continuation, and what its frames hold, are collectable
  @Test
  void suspendedContinuation_abandoned_isCollected() throws Exception {
    WeakReference<?>[] refs = suspendAndAbandon();
    awaitCollected(refs[0]);
    awaitCollected(refs[1]);
  }

  private static WeakReference<?>[] suspendAndAbandon() {
    Object payload = new Object();
    Continuation k = new Continuation(S, () -> holdAcrossSuspend(payload));
    k.run();
    return new WeakReference<?>[] {new WeakReference<>(k), new WeakReference<>(payload)};
  }

  // SEMANTICS C7: a resumed frame releases its saved slots
  @Test
  void resumedFrame_releasesSavedReferences() throws Exception {
    releasedAtTheSecondSuspension(box -> () -> {
      Object local = take(box);
      Continuation.suspend(S);
      local = null;
      Continuation.suspend(S);
    });
  }

  // SEMANTICS C7: records popped on resume hold nothing once the continuation suspends again
  // shallower, or ends (a popped slot keeps its value only while the continuation runs)
  @Test
  void recordsOfFramesThatReturned_holdNothingAtTheNextSuspension() throws Exception {
    releasedAtTheSecondSuspension(box -> () -> {
      holdThenReturn(take(box), 5); // suspends at depth 5, the payload in a saved slot of each frame
      Continuation.suspend(S); // depth 0: those six records were popped on the way up
    });
  }

  /* The body takes a payload from its box; once it has suspended twice, nothing may hold it. */
  private static void releasedAtTheSecondSuspension(Function<Object[], SuspendableRunnable> body) {
    Object[] box = {new byte[1024]};
    WeakReference<Object> ref = new WeakReference<>(box[0]);
    Continuation k = new Continuation(S, body.apply(box));
    k.run();
    k.run();
    awaitCollected(ref);
    k.run();
    assertTrue(k.isDone());
  }

  @Test
  void recordsOfAFinishedContinuation_holdNothing() throws Exception {
    Object[] box = {new byte[1024]};
    WeakReference<Object> ref = new WeakReference<>(box[0]);
    Continuation k = new Continuation(S, () -> holdThenReturn(take(box), 5));
    k.run();
    k.run();
    assertTrue(k.isDone());
    awaitCollected(ref); // k itself is still reachable here
    assertEquals("Continuation[life, done]", k.toString());
  }

  private static Object take(Object[] box) {
    Object v = box[0];
    box[0] = null;
    return v;
  }

  private static int holdThenReturn(Object payload, int depth) throws Suspend {
    if (depth == 0) {
      Continuation.suspend(S);
      return 0;
    }
    return holdThenReturn(payload, depth - 1) + payload.hashCode(); // payload live across the call
  }

  static void awaitCollected(WeakReference<?> ref) {
    Gc.awaitCollected(ref);
  }

  // SEMANTICS C4: an Error such as StackOverflowError also comes out of run()
  @Test
  void run_stackOverflowInBody_propagatesAndIsDone() {
    Continuation k = new Continuation(S, () -> {
      Continuation.suspend(S);
      recurse(0);
    });
    k.run();
    try {
      k.run();
    } catch (StackOverflowError expected) {
      assertTrue(k.isDone());
      return;
    }
    throw new AssertionError("no StackOverflowError");
  }

  static int recurse(int n) {
    return recurse(n + 1) + 1;
  }

  @Test
  void toString_namesScopeAndState() {
    Continuation k = new Continuation(S, () -> Continuation.suspend(S));
    assertEquals("Continuation[life, new]", k.toString());
    k.run();
    assertEquals("Continuation[life, suspended]", k.toString());
  }
}

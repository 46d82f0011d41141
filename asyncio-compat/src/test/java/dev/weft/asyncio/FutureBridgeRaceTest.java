package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.testing.Stress;
import dev.weft.asyncio.RaceRecord.Counting;
import dev.weft.asyncio.internal.loop.ManualClock;
import dev.weft.continuations.Suspend;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #9, thread safety of the {@link CompletableFuture} bridges (SEMANTICS AF11, AF12), as a
 * stress test in place of jcstress. Each iteration completes one side on another thread while the
 * loop cancels the other side, after a varying number of loop iterations and spins; whoever wins,
 * each side ends with exactly one outcome, the two agree where they must, and every callback runs
 * once. The other thread says it is done with {@code callSoonThreadsafe}, which per thread is
 * FIFO, so by then every copy it scheduled has run. {@code -Dweft.stress=N} multiplies the counts.
 *
 * <p>Every way each race can go must happen often (issue #13): a quarter of the iterations run
 * free, and the others are steered, with a gate the other thread waits at or a wait on the loop's
 * side, to each way in turn, so that a loaded machine where one side always wins still tests both.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FutureBridgeRaceTest {
  static final int ITERATIONS = Stress.scaled(30_000);

  final EventLoop loop = new EventLoop(new ManualClock());
  final ExecutorService other = Executors.newSingleThreadExecutor();
  final RaceRecord record = new RaceRecord();

  @AfterEach
  void close() {
    other.shutdownNow();
    loop.close();
  }

  static final String OUTCOME_FIRST = "cf's outcome reached the wrapper before its cancel";
  static final String CANCEL_REACHED_CF = "the wrapper's cancel reached cf before cf completed";
  static final String CF_COMPLETED_IN_BETWEEN = "cf completed between the wrapper's cancel and its cancel of cf";
  static final String CANCEL_FIRST_CF_CANCELLED = "cf cancelled elsewhere after the wrapper's cancel";

  @Test
  void wrap_completedElsewhereWhileLoopCancels_oneOutcome_callbacksOnce() {
    loop.runUntilComplete(loop.createTask(Asyncio.async(() -> {
      for (int i = 0; i < ITERATIONS; i++) wrapRace(i);
      return null;
    })));
    assertEquals(List.of(), record.violations);
    // Each way is steered in at least a twelfth of the iterations.
    record.assertEachAtLeast(ITERATIONS / 16, OUTCOME_FIRST, CANCEL_REACHED_CF, CF_COMPLETED_IN_BETWEEN, CANCEL_FIRST_CF_CANCELLED);
  }

  private void wrapRace(int i) throws Suspend {
    int kind = i % 3; // how the other thread ends cf: complete, fail, cancel
    int steer = (i / 3) % 4; // 0: free; 1: outcome first; 2: cancel reaches cf first; 3: cf completes in between
    CompletableFuture<Integer> cf = new CompletableFuture<>();
    Future<Integer> w = Future.wrap(cf, loop);
    Counting<Integer> callback = new Counting<>();
    w.addDoneCallback(callback);
    RuntimeException boom = new RuntimeException("boom " + i);
    Future<Void> settled = loop.createFuture();
    CountDownLatch gate = new CountDownLatch(steer >= 2 ? 1 : 0);
    other.execute(() -> {
      RaceRecord.pass(gate);
      RaceRecord.jitter(i);
      switch (kind) {
        case 0: cf.complete(i); break;
        case 1: cf.completeExceptionally(boom); break;
        default: cf.cancel(false);
      }
      loop.callSoonThreadsafe(() -> settled.setResult(null));
    });
    if (steer == 0) {
      for (int k = i % 4; k > 0; k--) Asyncio.await(Asyncio.sleep(0));
    } else if (steer == 1) {
      while (!w.done()) Asyncio.await(Asyncio.sleep(0));
    }
    boolean wasPending = !w.done();
    record.check(w.cancel() == wasPending, i, "cancel() of the wrapper must succeed exactly when it is pending");
    if (steer == 2) {
      Asyncio.await(Asyncio.sleep(0)); // the wrapper's callbacks: its cancel of cf
      gate.countDown();
    } else if (steer == 3) {
      gate.countDown();
      RaceRecord.spinUntil(cf::isDone); // on the loop's thread: the wrapper's callbacks wait behind it
    }
    Asyncio.await(settled);
    Asyncio.await(Asyncio.sleep(0)); // the wrapper's callbacks, and its cancel of cf
    record.check(cf.isDone() && w.done(), i, "both sides done");
    if (!wasPending) record.tally(OUTCOME_FIRST);
    else if (kind == 2) record.tally(CANCEL_FIRST_CF_CANCELLED);
    else record.tally(cf.isCancelled() ? CANCEL_REACHED_CF : CF_COMPLETED_IN_BETWEEN);
    record.check(callback.runs == 1, i, "wrapper callback ran " + callback.runs + " times");
    if (w.cancelled()) {
      record.check(wasPending || cf.isCancelled(), i, "the wrapper was done before the cancel, yet is cancelled");
    } else {
      record.check(!wasPending, i, "a pending wrapper was cancelled, yet is not cancelled");
      if (i % 3 == 0) record.check(Integer.valueOf(i).equals(w.result()), i, "wrapper result " + w.result());
      if (i % 3 == 1) record.check(w.exception() == boom, i, "wrapper exception " + w.exception());
      if (i % 3 == 2) record.check(false, i, "cf was cancelled, the wrapper was not");
    }
  }

  static final String RESULT_FIRST = "the future's result reached cf before its cancel";
  static final String CANCEL_REACHED_FUTURE = "cf's cancel reached the future before its result";
  static final String RESULT_IN_BETWEEN = "the result came between cf's cancel and its cancel of the future";

  @Test
  void toCompletableFuture_cancelledElsewhereWhileLoopCompletes_oneOutcome_callbacksOnce() {
    loop.runUntilComplete(loop.createTask(Asyncio.async(() -> {
      for (int i = 0; i < ITERATIONS; i++) toCompletableFutureRace(i);
      return null;
    })));
    assertEquals(List.of(), record.violations);
    // Each way is steered in a quarter of the iterations.
    record.assertEachAtLeast(ITERATIONS / 8, RESULT_FIRST, CANCEL_REACHED_FUTURE, RESULT_IN_BETWEEN);
  }

  private void toCompletableFutureRace(int i) throws Suspend {
    int steer = i % 4; // 0: free; 1: result first; 2: cancel reaches the future first; 3: result in between
    Future<Integer> f = loop.createFuture();
    Counting<Integer> callback = new Counting<>();
    f.addDoneCallback(callback);
    CompletableFuture<Integer> cf = f.toCompletableFuture();
    AtomicInteger cfCallbacks = new AtomicInteger();
    cf.whenComplete((v, e) -> cfCallbacks.incrementAndGet());
    boolean[] cancelResult = new boolean[1];
    Future<Void> settled = loop.createFuture();
    CountDownLatch gate = new CountDownLatch(steer == 0 ? 0 : 1);
    other.execute(() -> {
      RaceRecord.pass(gate);
      RaceRecord.jitter(i);
      cancelResult[0] = cf.cancel(true);
      loop.callSoonThreadsafe(() -> settled.setResult(null)); // after the f::cancel it may have scheduled
    });
    if (steer == 0) {
      for (int k = i % 4; k > 0; k--) Asyncio.await(Asyncio.sleep(0));
    } else if (steer == 1) {
      f.setResult(i);
      Asyncio.await(Asyncio.sleep(0)); // f's callbacks: the copy into cf
      gate.countDown();
    } else {
      gate.countDown();
      RaceRecord.spinUntil(cf::isCancelled); // on the loop's thread: the f::cancel it sends waits behind
      if (steer == 2) {
        while (!f.done()) Asyncio.await(Asyncio.sleep(0));
      }
    }
    if (!f.done()) f.setResult(i);
    Asyncio.await(settled);
    Asyncio.await(Asyncio.sleep(0)); // f's callbacks, among them the copy into cf
    record.check(f.done() && cf.isDone(), i, "both sides done");
    if (!cf.isCancelled()) record.tally(RESULT_FIRST);
    else record.tally(f.cancelled() ? CANCEL_REACHED_FUTURE : RESULT_IN_BETWEEN);
    record.check(callback.runs == 1, i, "future callback ran " + callback.runs + " times");
    record.check(cfCallbacks.get() == 1, i, "CompletableFuture callback ran " + cfCallbacks.get() + " times");
    record.check(cancelResult[0] == cf.isCancelled(), i, "cf.cancel() returned " + cancelResult[0]);
    if (f.cancelled()) record.check(cf.isCancelled(), i, "the future is cancelled, cf is not");
    if (!cf.isCancelled()) {
      record.check(!f.cancelled() && Integer.valueOf(i).equals(f.result()), i, "future " + f);
      record.check(Integer.valueOf(i).equals(join(cf)), i, "cf " + cf);
    }
  }

  private static Object join(CompletableFuture<Integer> cf) {
    try {
      return cf.get();
    } catch (InterruptedException | ExecutionException e) {
      return e;
    }
  }
}

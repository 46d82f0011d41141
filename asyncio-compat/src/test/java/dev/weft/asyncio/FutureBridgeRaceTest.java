package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.asyncio.RaceRecord.Counting;
import dev.weft.asyncio.internal.loop.ManualClock;
import dev.weft.continuations.Suspend;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FutureBridgeRaceTest {
  static final int ITERATIONS = 30_000 * Integer.getInteger("weft.stress", 1);

  final EventLoop loop = new EventLoop(new ManualClock());
  final ExecutorService other = Executors.newSingleThreadExecutor();
  final RaceRecord record = new RaceRecord();

  @AfterEach
  void close() {
    System.out.println(getClass().getSimpleName() + ": " + record.outcomes);
    other.shutdownNow();
    loop.close();
  }

  @Test
  void wrap_completedElsewhereWhileLoopCancels_oneOutcome_callbacksOnce() {
    loop.runUntilComplete(loop.createTask(Asyncio.async(() -> {
      for (int i = 0; i < ITERATIONS; i++) wrapRace(i);
      return null;
    })));
    assertEquals(List.of(), record.violations);
  }

  private void wrapRace(int i) throws Suspend {
    CompletableFuture<Integer> cf = new CompletableFuture<>();
    Future<Integer> w = Future.wrap(cf, loop);
    Counting<Integer> callback = new Counting<>();
    w.addDoneCallback(callback);
    RuntimeException boom = new RuntimeException("boom " + i);
    Future<Void> settled = loop.createFuture();
    other.execute(() -> {
      RaceRecord.jitter(i);
      switch (i % 3) {
        case 0: cf.complete(i); break;
        case 1: cf.completeExceptionally(boom); break;
        default: cf.cancel(false);
      }
      loop.callSoonThreadsafe(() -> settled.setResult(null));
    });
    for (int k = i % 4; k > 0; k--) Asyncio.await(Asyncio.sleep(0));
    boolean wasPending = !w.done();
    record.check(w.cancel() == wasPending, i, "cancel() of the wrapper must succeed exactly when it is pending");
    Asyncio.await(settled);
    Asyncio.await(Asyncio.sleep(0)); // the wrapper's callbacks, and its cancel of cf
    record.check(cf.isDone() && w.done(), i, "both sides done");
    record.tally("wrap: wrapper " + (w.cancelled() ? "cancelled" : "completed") + ", cf " + (cf.isCancelled() ? "cancelled" : "completed"));
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

  @Test
  void toCompletableFuture_cancelledElsewhereWhileLoopCompletes_oneOutcome_callbacksOnce() {
    loop.runUntilComplete(loop.createTask(Asyncio.async(() -> {
      for (int i = 0; i < ITERATIONS; i++) toCompletableFutureRace(i);
      return null;
    })));
    assertEquals(List.of(), record.violations);
  }

  private void toCompletableFutureRace(int i) throws Suspend {
    Future<Integer> f = loop.createFuture();
    Counting<Integer> callback = new Counting<>();
    f.addDoneCallback(callback);
    CompletableFuture<Integer> cf = f.toCompletableFuture();
    AtomicInteger cfCallbacks = new AtomicInteger();
    cf.whenComplete((v, e) -> cfCallbacks.incrementAndGet());
    boolean[] cancelResult = new boolean[1];
    Future<Void> settled = loop.createFuture();
    other.execute(() -> {
      RaceRecord.jitter(i);
      cancelResult[0] = cf.cancel(true);
      loop.callSoonThreadsafe(() -> settled.setResult(null)); // after the f::cancel it may have scheduled
    });
    for (int k = i % 4; k > 0; k--) Asyncio.await(Asyncio.sleep(0));
    if (!f.done()) f.setResult(i);
    Asyncio.await(settled);
    Asyncio.await(Asyncio.sleep(0)); // f's callbacks, among them the copy into cf
    record.check(f.done() && cf.isDone(), i, "both sides done");
    record.tally("toCompletableFuture: future " + (f.cancelled() ? "cancelled" : "completed") + ", cf " + (cf.isCancelled() ? "cancelled" : "completed"));
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

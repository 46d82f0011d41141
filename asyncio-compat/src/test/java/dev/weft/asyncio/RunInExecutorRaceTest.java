package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.asyncio.RaceRecord.Counting;
import dev.weft.asyncio.internal.loop.ManualClock;
import dev.weft.continuations.Suspend;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #9, thread safety of {@link EventLoop#runInExecutor} (SEMANTICS section 7) racing with
 * cancellation on the loop, as a stress test in place of jcstress. Whether the cancel comes before
 * the job starts, while it runs or after its outcome is copied, the future ends once, its callback
 * runs once, the job runs at most once, and an uncancelled future holds exactly the job's outcome.
 * {@code -Dweft.stress=N} multiplies the count.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunInExecutorRaceTest {
  static final int ITERATIONS = 20_000 * Integer.getInteger("weft.stress", 1);

  final EventLoop loop = new EventLoop(new ManualClock());
  final ExecutorService pool = Executors.newFixedThreadPool(2);
  final RaceRecord record = new RaceRecord();

  @AfterEach
  void close() {
    System.out.println(getClass().getSimpleName() + ": " + record.outcomes);
    pool.shutdownNow();
    loop.close();
  }

  @Test
  void runInExecutor_cancelledWhileRunning_oneOutcome_jobAtMostOnce() {
    loop.runUntilComplete(loop.createTask(Asyncio.async(() -> {
      for (int i = 0; i < ITERATIONS; i++) race(i);
      return null;
    })));
    assertEquals(List.of(), record.violations);
  }

  private void race(int i) throws Suspend {
    AtomicInteger runs = new AtomicInteger();
    RuntimeException boom = new RuntimeException("boom " + i);
    Future<Void> jobOver = loop.createFuture();
    // Says when the job is over, behind the copy of its outcome (callSoonThreadsafe is FIFO per thread).
    Executor signalling = job -> pool.execute(() -> {
      try {
        job.run();
      } finally {
        loop.callSoonThreadsafe(() -> jobOver.setResult(null));
      }
    });
    Future<Integer> f = loop.runInExecutor(signalling, () -> {
      runs.incrementAndGet();
      RaceRecord.jitter(i);
      if (i % 2 == 1) throw boom;
      return i;
    });
    Counting<Integer> callback = new Counting<>();
    f.addDoneCallback(callback);
    if (i % 5 != 0) RaceRecord.jitter(i * 3);
    for (int k = i % 3; k > 0; k--) Asyncio.await(Asyncio.sleep(0));
    boolean wasPending = !f.done();
    boolean cancelled = i % 7 != 6 && f.cancel(); // one in seven is left alone, as a control
    record.check(cancelled == (wasPending && i % 7 != 6), i, "cancel() returned " + cancelled);
    Asyncio.await(jobOver);
    Asyncio.await(Asyncio.sleep(0));
    record.check(f.done(), i, "future done");
    record.tally((f.cancelled() ? "cancelled" : "completed") + ", job ran " + runs.get() + " times");
    record.check(callback.runs == 1, i, "callback ran " + callback.runs + " times");
    record.check(runs.get() <= 1, i, "job ran " + runs.get() + " times");
    record.check(f.cancelled() == cancelled, i, "cancelled " + f.cancelled() + " after cancel() returned " + cancelled);
    if (!f.cancelled()) {
      record.check(runs.get() == 1, i, "a future with an outcome, but the job never ran");
      if (i % 2 == 0) record.check(Integer.valueOf(i).equals(f.result()), i, "result " + f);
      else record.check(f.exception() == boom, i, "exception " + f);
    }
  }
}

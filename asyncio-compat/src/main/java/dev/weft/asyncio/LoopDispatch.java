package dev.weft.asyncio;

import dev.weft.asyncio.internal.loop.Scheduler;
import java.util.ArrayList;

/**
 * What a loop's scheduler may do with the handles, whose machinery stays package-private
 * (CPython's {@code handle._run()} and {@code timer._scheduled}), and what it does at the end of
 * an iteration: watch the coroutines made during it that are still unstarted (see {@link Coroutine}).
 */
final class LoopDispatch implements Scheduler.Dispatch {
  /* Coroutines made on the loop's thread during the current iteration. */
  private final ArrayList<Coroutine<?>> newCoroutines = new ArrayList<>();

  @Override
  public void run(Object ready) {
    if (ready instanceof Task) ((Task<?>) ready).runStep(); // a task queues itself for its step
    else ((Handle) ready).run();
  }

  @Override
  public long sequence(TimerHandle t) {
    return t.sequence;
  }

  @Override
  public void unscheduled(TimerHandle t) {
    t.scheduled = false;
  }

  @Override
  public void iterationEnded() {
    int n = newCoroutines.size();
    if (n == 0) return;
    for (int i = 0; i < n; i++) newCoroutines.get(i).watch(null);
    newCoroutines.clear();
  }

  void watchAtIterationEnd(Coroutine<?> c) {
    newCoroutines.add(c);
  }
}

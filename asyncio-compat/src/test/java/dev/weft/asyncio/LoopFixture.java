package dev.weft.asyncio;

import dev.weft.asyncio.internal.loop.ManualClock;
import dev.weft.testing.Steps;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * A loop on virtual time (the fake clock tests drive) whose exception handler records every
 * report, a step recorder, and {@link #run}, which is {@code asyncio.run} on that loop.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class LoopFixture {
  final ManualClock clock = new ManualClock();
  final Steps steps = new Steps();
  final List<Map<String, Object>> reports = new CopyOnWriteArrayList<>();
  EventLoop loop;

  @BeforeEach
  void openLoop() {
    loop = new EventLoop(clock);
    loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
  }

  @AfterEach
  void closeLoop() {
    for (Map<String, Object> r : reports) {
      if (r.get("exception") instanceof AssertionError) throw (AssertionError) r.get("exception"); // failed inside a callback
    }
    if (!loop.isRunning()) loop.close();
    Asyncio.setEventLoop(null);
  }

  /** {@code asyncio.run(main)} on this fixture's loop, which it closes. */
  <T> T run(Coroutine<T> main) {
    return Runners.run(main, loop);
  }

  /** Runs {@code n} iterations of the running loop, none of them waiting. */
  void iterate(int n) {
    for (int i = 0; i < n; i++) {
      loop.stop();
      loop.runForever();
    }
  }
}

package dev.weft.asyncio.internal.loop;

import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Reports made on other threads (the collector's never-retrieved exceptions), queued for the
 * loop's thread. Unlike threadsafe callbacks, closing the loop does not drop them: it delivers
 * what is left.
 */
public final class LateReports {
  private final ConcurrentLinkedQueue<Map<String, Object>> queue = new ConcurrentLinkedQueue<>();
  private final Consumer<Map<String, Object>> handler;

  public LateReports(Consumer<Map<String, Object>> handler) {
    this.handler = handler;
  }

  /** Queues {@code context}; any thread. */
  public void add(Map<String, Object> context) {
    queue.add(context);
  }

  /** Hands every queued report to the handler, on the calling thread. */
  public void deliver() {
    for (Map<String, Object> c; (c = queue.poll()) != null; ) handler.accept(c);
  }
}

package dev.weft.asyncio.internal.loop;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reports made on other threads (the collector's never-retrieved exceptions), queued for the
 * loop's thread. Unlike threadsafe callbacks, closing the loop does not drop them: it delivers
 * what is left.
 *
 * <p>It also tracks the loop's failed futures that nothing retrieved yet ({@link #track}), so that
 * closing the loop reports them all ({@link #reportOutstanding}) rather than leaving them to a
 * collection that may never come before the program exits.
 */
public final class LateReports {
  private final ConcurrentLinkedQueue<Map<String, Object>> queue = new ConcurrentLinkedQueue<>();
  private final Consumer<Map<String, Object>> handler;
  /* Each reports itself at most once when run (the collector's report), and untracks itself then. */
  private final Set<Runnable> outstanding = ConcurrentHashMap.newKeySet();

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

  /** {@code report} will run when the loop closes unless {@link #untrack untracked} first; any thread. */
  public void track(Runnable report) {
    outstanding.add(report);
  }

  /** Any thread. */
  public void untrack(Runnable report) {
    outstanding.remove(report);
  }

  /** Runs every tracked report (each queues its report here); then {@link #deliver} hands them out. */
  public void reportOutstanding() {
    for (Runnable r : outstanding.toArray(new Runnable[0])) r.run();
    outstanding.clear();
  }

  /**
   * Reports {@code context} from any thread: queued, then delivered on the loop's thread through
   * {@code callSoonThreadsafe} while the loop is open, else on this one. Never lost: the sender
   * queues it and then looks at {@code closed}, close() sets {@code closed} and then drains the
   * queue, so one of them delivers it, and only one.
   */
  public void send(Map<String, Object> context, BooleanSupplier closed, Consumer<Runnable> callSoonThreadsafe) {
    add(context);
    if (!closed.getAsBoolean()) {
      try {
        callSoonThreadsafe.accept(this::deliver);
        return;
      } catch (IllegalStateException closedMeanwhile) {
        // close() may have drained before this report arrived: deliver it here
      }
    }
    deliver();
  }
}

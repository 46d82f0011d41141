package dev.weft.asyncio.internal.loop;

import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loop's default executor ({@code run_in_executor(None, ...)}): a cached pool of daemon
 * threads, made on first use. Thread-safe: a job may be handed in while another thread shuts it
 * down.
 */
public final class DefaultExecutor {
  private static final System.Logger LOGGER = System.getLogger("dev.weft.asyncio");
  private static final AtomicInteger THREADS = new AtomicInteger();

  private ExecutorService executor;

  /** The executor, made now if there is none. */
  public synchronized ExecutorService get() {
    if (executor == null) {
      executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "weft-asyncio-executor-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
    return executor;
  }

  /** Takes the executor away (null if none was made); the next {@link #get()} makes a new one. */
  public synchronized ExecutorService detach() {
    ExecutorService e = executor;
    executor = null;
    return e;
  }

  /**
   * Runs {@code fn} on {@code executor} into {@code into}, unless {@code into} is done (cancelled)
   * before the job starts. Everything {@code fn} throws, Errors included, goes to {@code into}: it
   * is the caller.
   */
  public static <T> void execute(java.util.concurrent.Executor executor, java.util.concurrent.Callable<T> fn,
      java.util.concurrent.CompletableFuture<T> into) {
    executor.execute(() -> {
      if (into.isDone()) return;
      try {
        into.complete(fn.call());
      } catch (Throwable t) {
        into.completeExceptionally(t);
      }
    });
  }

  /**
   * CPython's {@code shutdown_default_executor} thread: shuts {@code executor} down, waits for its
   * threads (up to 300 s) on a thread of its own, then calls {@code joined} there.
   */
  public static void joinThen(ExecutorService executor, Runnable joined) {
    Thread joiner = new Thread(() -> {
      executor.shutdown();
      try {
        if (!executor.awaitTermination(300, TimeUnit.SECONDS)) {
          LOGGER.log(Level.WARNING, "The executor did not finishing joining its threads within 300 seconds.");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        joined.run();
      }
    }, "weft-asyncio-executor-shutdown");
    joiner.setDaemon(true);
    joiner.start();
  }
}

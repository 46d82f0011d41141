package dev.weft.asyncio.internal.task;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one {@link Cleaner} behind the best-effort "never retrieved" and "never awaited" reports
 * (SEMANTICS section 9.1). Shared by every loop on purpose: it is a thread-safe service, and one
 * daemon thread is enough for all of them.
 */
public final class Reports {
  private static final AtomicInteger THREADS = new AtomicInteger();
  public static final Cleaner CLEANER = Cleaner.create(r -> {
    Thread t = new Thread(r, "weft-asyncio-cleaner-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private Reports() {}
}

package dev.weft.asyncio.internal.task;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one {@link Cleaner} behind the best-effort "never retrieved" and "never awaited" reports
 * (SEMANTICS section 9.1). Shared by every loop on purpose: it is a thread-safe service, and one
 * daemon thread is enough for all of them.
 *
 * <p>The cleaner's thread lives in the root thread group, not in the group of whichever
 * application thread first touched this class: a {@link Cleaner}'s thread ignores interrupts, so
 * a launcher that stops its application's threads by interrupting its own thread group (Maven's
 * {@code exec:java}) would otherwise wait for it for 15 seconds and then warn that it "will
 * linger". It holds no application class loader as its context loader either.
 */
public final class Reports {
  private static final AtomicInteger THREADS = new AtomicInteger();
  public static final Cleaner CLEANER = Cleaner.create(r -> {
    Thread t = new Thread(rootGroup(), r, "weft-asyncio-cleaner-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    t.setContextClassLoader(null);
    return t;
  });

  private static ThreadGroup rootGroup() {
    ThreadGroup g = Thread.currentThread().getThreadGroup();
    while (g.getParent() != null) g = g.getParent();
    return g;
  }

  private Reports() {}
}

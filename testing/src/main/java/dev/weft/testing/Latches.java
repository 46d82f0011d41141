package dev.weft.testing;

import java.util.concurrent.CountDownLatch;

/**
 * A latch wait for test threads, which have no one to hand an interrupt to.
 *
 * <pre>{@code
 * CountDownLatch started = new CountDownLatch(1);
 * Thread worker = new Thread(() -> {
 *   Latches.await(started);          // no InterruptedException to handle
 *   System.out.println("started");
 * });
 * worker.start();
 * started.countDown();
 * }</pre>
 */
public final class Latches {
  private Latches() {}

  /** Waits for {@code latch}; an interrupt fails the test. */
  public static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a latch", e);
    }
  }
}

package dev.weft.testing;

import java.util.concurrent.CountDownLatch;

/**
 * A latch wait for test threads, which have no one to hand an interrupt to.
 *
 * <pre>{@code
 * new Thread(() -> { Latches.await(started); ... }).start();
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

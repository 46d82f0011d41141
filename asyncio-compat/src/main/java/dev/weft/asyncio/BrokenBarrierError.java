package dev.weft.asyncio;

/**
 * Python's {@code asyncio.BrokenBarrierError}: waiting on a {@code Barrier} that is broken or gets broken.
 *
 * <pre>{@code
 * try { Asyncio.await(barrier.waitAsync()); } catch (BrokenBarrierError e) { System.out.println("aborted"); }
 * }</pre>
 */
public class BrokenBarrierError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error without a message. */
  public BrokenBarrierError() {
    super();
  }

  /** An error with a message. */
  public BrokenBarrierError(String message) {
    super(message);
  }
}

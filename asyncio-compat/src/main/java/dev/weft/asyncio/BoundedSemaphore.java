package dev.weft.asyncio;

/**
 * Python's {@code asyncio.BoundedSemaphore}: a {@link Semaphore} that refuses to be released
 * above its initial value.
 *
 * <pre>{@code
 * BoundedSemaphore pool = new BoundedSemaphore(2);
 * try {
 *   pool.release();        // one more than it was acquired
 * } catch (IllegalArgumentException e) {
 *   System.out.println(e.getMessage());   // BoundedSemaphore released too many times
 * }
 * }</pre>
 */
public final class BoundedSemaphore extends Semaphore {
  private final int bound;

  /**
   * A bounded semaphore with {@code value} permits.
   *
   * @throws IllegalArgumentException if {@code value < 0}
   */
  public BoundedSemaphore(int value) {
    super(value);
    this.bound = value;
  }

  /**
   * Adds a permit.
   *
   * @throws IllegalArgumentException above the initial value ("BoundedSemaphore released too many times")
   */
  @Override
  public void release() {
    if (value >= bound) throw new IllegalArgumentException("BoundedSemaphore released too many times");
    super.release();
  }
}

package dev.weft.asyncio;

/**
 * Python's {@code StopAsyncIteration}: what awaiting {@link AsyncGenerator#anext()} (or
 * {@code asend}, {@code athrow}) throws once the generator's body has ended.
 *
 * <pre>{@code
 * try {
 *   for (;;) System.out.println(Asyncio.await(agen.anext()));
 * } catch (StopAsyncIteration end) {
 *   // exhausted
 * }
 * }</pre>
 */
public class StopAsyncIteration extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StopAsyncIteration() {
    super(null, null, false, false); // an end-of-iteration signal: no trace to fill
  }
}

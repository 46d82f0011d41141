package dev.weft.asyncio;

/**
 * Python's {@code asyncio.IncompleteReadError}: the stream ended before a read got all it asked
 * for; {@link #partial()} holds what was read.
 *
 * <pre>{@code
 * try { byte[] header = Asyncio.await(reader.readexactly(16)); }
 * catch (IncompleteReadError e) { System.out.println(e.partial().length + " of " + e.expected()); }
 * }</pre>
 */
public class IncompleteReadError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final byte[] partial;
  private final Integer expected;

  /** {@code partial} bytes read of {@code expected} (null: undefined, as for {@code readuntil}). */
  public IncompleteReadError(byte[] partial, Integer expected) {
    super(partial.length + " bytes read on a total of " + (expected == null ? "undefined" : expected) + " expected bytes");
    this.partial = partial.clone();
    this.expected = expected;
  }

  /** The bytes read before the end of the stream. */
  public byte[] partial() {
    return partial.clone();
  }

  /** The number of bytes expected, or null when undefined. */
  public Integer expected() {
    return expected;
  }
}

package dev.weft.continuations.internal.abi;

/**
 * How much frame storage the last continuation of a scope used when it suspended. A new
 * continuation's storage starts empty; its first save sizes the arrays from this hint, so tasks
 * or generators of one kind get arrays of the right length at once instead of growing them by
 * doubling (three or four copies and up to half of them unused, kept while suspended).
 *
 * <p>Written without synchronisation: a stale or torn hint only costs a copy.
 */
public final class SizeHint {
  /** Reference and primitive slots (headers included) in use at the last suspension. */
  public int refs, prims;

  /** The length to grow {@code length} to so that it holds {@code need}; see the class comment. */
  static int grow(int length, int need, int hint) {
    return length == 0 && hint >= need ? hint : Math.max(4, need * 2);
  }
}

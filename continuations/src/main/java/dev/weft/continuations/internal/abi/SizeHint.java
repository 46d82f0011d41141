package dev.weft.continuations.internal.abi;

import dev.weft.continuations.ContinuationScope;

/**
 * How much frame storage the last continuation of a scope used when it suspended. A new
 * continuation's storage starts empty; its first save sizes the arrays from this hint, so tasks
 * or generators of one kind get arrays of the right length at once instead of growing them by
 * doubling (three or four copies and up to half of them unused, kept while suspended).
 *
 * <p>Written without synchronisation: a stale or torn hint only costs a copy.
 */
public final class SizeHint {
  /*
   * The scope whose runners this sizes. Kept here rather than in each runner: one reference field
   * fewer in every continuation, generator, greenlet and task.
   */
  final ContinuationScope scope;
  /** Reference and primitive slots (headers included) in use at the last suspension. */
  public int refs, prims;

  /** The hint shared by the runners of {@code scope} (one per scope, made once by its layer). */
  public SizeHint(ContinuationScope scope) {
    this.scope = java.util.Objects.requireNonNull(scope, "scope");
  }

  /** The scope of the runners this hint sizes. */
  public ContinuationScope scope() {
    return scope;
  }

  /** The length to grow {@code length} to so that it holds {@code need}; see the class comment. */
  static int grow(int length, int need, int hint) {
    return length == 0 && hint >= need ? hint : Math.max(4, need * 2);
  }
}

package dev.weft.continuations;

import dev.weft.continuations.internal.abi.SizeHint;
import java.util.Objects;

/**
 * Names a kind of continuation so that code can suspend "the innermost generator" or "the
 * innermost greenlet" without knowing which continuation object that is.
 *
 * <p>{@link Continuation#suspend(ContinuationScope)} unwinds every running continuation up to and
 * including the innermost one of the given scope. Each Weft layer owns one scope (generators,
 * greenlets, asyncio tasks), which is what lets a greenlet switch from inside a generator body.
 * Scopes compare by identity.
 *
 * <pre>{@code
 * static final ContinuationScope TICKS = new ContinuationScope("ticks");
 * }</pre>
 */
public final class ContinuationScope {
  private final String name;
  /* Frame storage used by this scope's last suspension: sizes the next continuation's. */
  final SizeHint sizeHint = new SizeHint(this);

  /** Creates a scope; {@code name} only appears in messages and {@link #toString()}. */
  public ContinuationScope(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The name given at construction. */
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return "ContinuationScope[" + name + "]";
  }
}

package dev.weft.continuations.internal;

import dev.weft.continuations.Context;

/**
 * The calling thread's current {@link Context}, for the layers that switch it: a greenlet keeps
 * the context that was current when it switched out and puts it back when it switches in; an
 * asyncio task runs each step in its own.
 */
public final class Contexts {
  private static final ThreadLocal<Context[]> CURRENT = ThreadLocal.withInitial(() -> new Context[] {Context.empty()});

  private Contexts() {}

  /** The calling thread's current context. */
  public static Context current() {
    return CURRENT.get()[0];
  }

  /** Makes {@code next} current on the calling thread; returns the one it replaces. */
  public static Context swap(Context next) {
    Context[] slot = CURRENT.get();
    Context previous = slot[0];
    slot[0] = next;
    if (previous != next && ThreadBindings.active()) ThreadBindings.refreshAll();
    return previous;
  }
}

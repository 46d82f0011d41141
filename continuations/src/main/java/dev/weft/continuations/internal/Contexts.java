package dev.weft.continuations.internal;

import dev.weft.continuations.Context;
import dev.weft.continuations.internal.abi.Carrier;
import dev.weft.continuations.internal.abi.CarrierLocal;
import dev.weft.continuations.internal.abi.Frames;

/**
 * The calling thread's current {@link Context}, for the layers that switch it: a greenlet keeps
 * the context that was current when it switched out and puts it back when it switches in; an
 * asyncio task runs each step in its own.
 */
public final class Contexts {
  /*
   * In the thread's carrier, not a ThreadLocal: a greenlet switch and a task step swap it twice
   * each, with the carrier at hand (two loads instead of a ThreadLocal's hash and table lookup).
   */
  private static final CarrierLocal<Context> CURRENT = new CarrierLocal<>(c -> Context.empty());

  private Contexts() {}

  /** The calling thread's current context. */
  public static Context current() {
    return CURRENT.get(Frames.carrier());
  }

  /** The current context of the thread whose carrier is {@code c} (the calling thread's). */
  public static Context current(Carrier c) {
    return CURRENT.get(c);
  }

  /** Makes {@code next} current on the calling thread; returns the one it replaces. */
  public static Context swap(Context next) {
    return swap(Frames.carrier(), next);
  }

  /** {@link #swap(Context)} on the thread whose carrier is {@code c} (the calling thread's). */
  public static Context swap(Carrier c, Context next) {
    Context previous = CURRENT.get(c);
    if (previous != next) {
      CURRENT.set(c, next);
      if (ThreadBindings.active()) ThreadBindings.refreshAll();
    }
    return previous;
  }
}

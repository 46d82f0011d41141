package dev.weft.continuations.internal.abi;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A per-thread value of a layer above (a thread's greenlets, the loop running on it), kept in the
 * thread's {@link Carrier}: where the carrier is at hand, as it is in every instrumented method,
 * reading it is two loads instead of a {@code ThreadLocal} lookup (hash, table, entry, referent).
 * A layer makes one per kind of value, in a static final field; there are at most
 * {@link #CAPACITY}.
 *
 * <pre>{@code
 * static final CarrierLocal<ThreadState> STATE = new CarrierLocal<>(c -> new ThreadState());
 *
 * ThreadState s = STATE.get(Frames.carrier());   // in an instrumented method: no lookup at all
 * }</pre>
 *
 * <p>Values live as long as the thread's carrier: as long as the thread, and after it ends until
 * another thread takes its slot in the carrier lookup's small cache (see {@link Frames#carrier()}),
 * so a bounded number of ended threads' values may stay reachable a while. Set null what should
 * not outlive its use.
 */
public final class CarrierLocal<T> {
  /** How many a JVM may make: the carrier holds a fixed array, so a read needs no growth check. */
  public static final int CAPACITY = 8;
  private static final AtomicInteger MADE = new AtomicInteger();

  private final int index;
  private final Function<Carrier, ? extends T> initial;

  /** A value null until {@link #set}. */
  public CarrierLocal() {
    this(c -> null);
  }

  /**
   * A value made by {@code initial} on a thread's first {@link #get} that finds it null (on that
   * thread, with its carrier).
   *
   * @throws IllegalStateException if {@link #CAPACITY} have been made already
   */
  public CarrierLocal(Function<Carrier, ? extends T> initial) {
    this.initial = initial;
    this.index = MADE.getAndIncrement();
    if (index >= CAPACITY) {
      throw new IllegalStateException("more than " + CAPACITY + " CarrierLocals made: each layer needs one or two,"
          + " made once in a static final field");
    }
  }

  /** The value on the thread whose carrier is {@code c} (the calling thread's). */
  @SuppressWarnings("unchecked")
  public T get(Carrier c) {
    Object v = c.locals[index];
    return v != null ? (T) v : initialise(c);
  }

  /** The value on the calling thread, or null, without making it. */
  @SuppressWarnings("unchecked")
  public T peek(Carrier c) {
    return (T) c.locals[index];
  }

  /** Sets the value on the thread whose carrier is {@code c} (the calling thread's); null clears it. */
  public void set(Carrier c, T value) {
    c.locals[index] = value;
  }

  private T initialise(Carrier c) {
    T v = initial.apply(c);
    c.locals[index] = v;
    return v;
  }
}

package dev.weft.generators;

/**
 * Python's {@code StopIteration}: what {@link Generator#send} throws when the body returns instead
 * of yielding, carrying the return value.
 *
 * <pre>{@code
 * Generator<Integer, Integer, String> g = Generator.create(y -> { y.yield(1); return "done"; });
 * g.next();
 * try { g.send(5); } catch (StopIteration e) { System.out.println(e.value()); }   // "done"
 * }</pre>
 *
 * <p>Compared with Python: {@code next()} reports the end as {@link java.util.NoSuchElementException},
 * as Java iterators do; only the send-style calls throw this. A {@code StopIteration} escaping a
 * generator body becomes {@code IllegalStateException("generator raised StopIteration")} (PEP 479).
 */
public class StopIteration extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Object value;

  /** Creates the exception for a body that returned {@code value}. */
  public StopIteration(Object value) {
    super(value == null ? null : String.valueOf(value), null, false, false);
    this.value = value;
  }

  /** The value the generator's body returned; null for a generator closed or finished without one. */
  public Object value() {
    return value;
  }
}

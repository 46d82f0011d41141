package dev.weft.asyncio;

import java.util.List;
import java.util.Objects;

/**
 * Python's {@code ExceptionGroup}: several exceptions raised together, as {@link TaskGroup}
 * reports the failures of its children.
 *
 * <pre>{@code
 * try { Asyncio.await(TaskGroup.run(tg -> { tg.createTask(failing()); return null; })); }
 * catch (ExceptionGroup g) { for (Throwable t : g.exceptions()) System.out.println(t); }
 * }</pre>
 *
 * <p><b>Compared with Python:</b> there is no {@code BaseExceptionGroup}; the list holds the
 * exceptions themselves, in the order they happened, never copies.
 */
public class ExceptionGroup extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<Throwable> exceptions;

  /**
   * A group of {@code exceptions}, which must not be empty.
   *
   * @throws IllegalArgumentException if {@code exceptions} is empty
   * @throws NullPointerException if it is or holds null
   */
  public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
    super(message + " (" + Objects.requireNonNull(exceptions, "exceptions").size() + " sub-exception"
        + (exceptions.size() == 1 ? ")" : "s)"));
    if (exceptions.isEmpty()) throw new IllegalArgumentException("second argument (exceptions) must be a non-empty sequence");
    this.exceptions = List.copyOf(exceptions);
  }

  /** The exceptions of the group, in order; unmodifiable. */
  public List<Throwable> exceptions() {
    return exceptions;
  }
}

package dev.weft.greenlet;

/**
 * greenlet's {@code greenlet.error}: a switch that cannot happen, such as a switch to a greenlet
 * that belongs to another thread. The message says what and which greenlet.
 *
 * <pre>{@code
 * try {
 *   otherThreadsGreenlet.switchTo();
 * } catch (GreenletError e) {
 *   // "cannot switch to a different thread ..."
 * }
 * }</pre>
 */
public class GreenletError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GreenletError(String message) {
    super(message);
  }
}

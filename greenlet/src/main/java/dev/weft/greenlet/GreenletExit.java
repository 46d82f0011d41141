package dev.weft.greenlet;

/**
 * greenlet's {@code GreenletExit}: thrown into a greenlet to kill it ({@link Greenlet#kill()},
 * {@link Greenlet#throwInto()}). If it escapes {@code run}, the greenlet dies quietly and the parent
 * receives the exception object as the value of its pending switch.
 *
 * <pre>{@code
 * Greenlet g = new Greenlet(args -> { try { Greenlet.current().parent().switchTo(); } finally { cleanup(); } return null; });
 * g.switchTo();
 * Object v = g.throwInto();     // runs cleanup(); v is the GreenletExit
 * }</pre>
 *
 * <p>Extends {@link Error}, as greenlet's is a {@code BaseException}: {@code catch (Exception e)}
 * does not swallow it.
 */
public class GreenletExit extends Error {
  private static final long serialVersionUID = 1L;

  public GreenletExit() {
    super(null, null, false, false);
  }

  public GreenletExit(String message) {
    super(message, null, false, false);
  }
}

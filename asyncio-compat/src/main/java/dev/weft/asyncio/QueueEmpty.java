package dev.weft.asyncio;

/**
 * Python's {@code asyncio.QueueEmpty}: {@code Queue.getNowait()} on an empty queue.
 *
 * <pre>{@code
 * try { queue.getNowait(); } catch (QueueEmpty e) { System.out.println("nothing yet"); }
 * }</pre>
 */
public class QueueEmpty extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error without a message. */
  public QueueEmpty() {
    super();
  }

  /** An error with a message. */
  public QueueEmpty(String message) {
    super(message);
  }
}

package dev.weft.asyncio;

/**
 * Python's {@code asyncio.QueueFull}: {@code Queue.putNowait(item)} on a full queue.
 *
 * <pre>{@code
 * try { queue.putNowait(item); } catch (QueueFull e) { System.out.println("no room"); }
 * }</pre>
 */
public class QueueFull extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error without a message. */
  public QueueFull() {
    super();
  }

  /** An error with a message. */
  public QueueFull(String message) {
    super(message);
  }
}

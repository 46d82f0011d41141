package dev.weft.asyncio;

/**
 * Python 3.13's {@code asyncio.QueueShutDown}: a put on a queue that was shut down, or a get on
 * one that is shut down and empty.
 *
 * <pre>{@code
 * queue.shutdown(false);
 * try { queue.putNowait(item); } catch (QueueShutDown e) { System.out.println("closed"); }
 * }</pre>
 */
public class QueueShutDown extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error without a message. */
  public QueueShutDown() {
    super();
  }
}

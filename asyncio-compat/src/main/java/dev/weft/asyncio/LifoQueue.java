package dev.weft.asyncio;

import java.util.ArrayDeque;

/**
 * Python's {@code asyncio.LifoQueue}: a {@link Queue} that gives the item put last first.
 *
 * <pre>{@code
 * LifoQueue<String> stack = new LifoQueue<>();
 * stack.putNowait("a"); stack.putNowait("b");
 * String top = stack.getNowait();       // "b"
 * }</pre>
 */
public class LifoQueue<T> extends Queue<T> {
  private final ArrayDeque<T> stack = new ArrayDeque<>();

  /** An unbounded stack. */
  public LifoQueue() {
    this(0);
  }

  /** A stack of at most {@code maxsize} items (0 or less: unbounded). */
  public LifoQueue(int maxsize) {
    super(maxsize);
  }

  @Override
  void putItem(T item) {
    stack.push(item);
  }

  @Override
  T getItem() {
    return stack.pop();
  }

  @Override
  public int qsize() {
    return stack.size();
  }
}

package dev.weft.asyncio;

import dev.weft.continuations.Suspend;
import java.util.ArrayDeque;

/**
 * Python's {@code asyncio.Queue}: a FIFO queue between tasks of one loop, optionally bounded.
 *
 * <pre>{@code
 * Queue<String> q = new Queue<>(10);
 * Asyncio.await(q.put("job"));          // waits while full
 * String job = Asyncio.await(q.get());  // waits while empty
 * q.taskDone();
 * Asyncio.await(q.join());              // waits until every item was marked done
 * }</pre>
 *
 * <p>Subclasses change the order: {@link PriorityQueue}, {@link LifoQueue}. Not thread-safe: use
 * it on its loop's thread.
 */
public class Queue<T> {
  private final int maxsize;
  private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
  private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
  private final LoopBinding binding = new LoopBinding(this);
  private final Event finished = new Event();
  private int unfinishedTasks;
  private boolean isShutdown;
  private final ArrayDeque<T> items = new ArrayDeque<>();

  /** An unbounded queue. */
  public Queue() {
    this(0);
  }

  /** A queue holding at most {@code maxsize} items; {@code maxsize <= 0} means unbounded. */
  public Queue(int maxsize) {
    this.maxsize = maxsize;
    finished.set();
  }

  // The storage, overridden by the variants.
  void putItem(T item) {
    items.addLast(item);
  }

  T getItem() {
    return items.pollFirst();
  }

  /** The number of items queued. */
  public int qsize() {
    return items.size();
  }

  /** The bound given at construction (0 or less: unbounded). */
  public int maxsize() {
    return maxsize;
  }

  /** True if no item is queued. */
  public boolean empty() {
    return qsize() == 0;
  }

  /** True if bounded and at the bound; always false when unbounded. */
  public boolean full() {
    return maxsize > 0 && qsize() >= maxsize;
  }

  /**
   * A coroutine that puts {@code item}, waiting while the queue is full.
   *
   * @throws QueueShutDown (when awaited) if the queue is or gets shut down
   */
  public Coroutine<Void> put(T item) {
    return Asyncio.async(() -> {
      while (full()) {
        if (isShutdown) throw new QueueShutDown();
        Future<Void> putter = binding.loop().createFuture();
        putters.add(putter);
        try {
          Asyncio.await(putter);
        } catch (Throwable t) { // cancelled (or shut down): leave the line, pass a wake-up on
          putter.cancel();
          putters.remove(putter);
          if (!full() && !putter.cancelled()) wakeupNext(putters);
          throw t;
        }
      }
      putNowait(item);
      return null;
    });
  }

  /**
   * Puts {@code item} without waiting.
   *
   * @throws QueueFull if the queue is full
   * @throws QueueShutDown if the queue is shut down
   */
  public void putNowait(T item) {
    if (isShutdown) throw new QueueShutDown();
    if (full()) throw new QueueFull();
    putItem(item);
    unfinishedTasks++;
    finished.clear();
    wakeupNext(getters);
  }

  /**
   * A coroutine that takes the next item, waiting while the queue is empty.
   *
   * @throws QueueShutDown (when awaited) if the queue is shut down and empty
   */
  public Coroutine<T> get() {
    return Asyncio.async(() -> {
      while (empty()) {
        if (isShutdown) throw new QueueShutDown();
        Future<Void> getter = binding.loop().createFuture();
        getters.add(getter);
        try {
          Asyncio.await(getter);
        } catch (Throwable t) { // cancelled: leave the line; an item meant for us goes to the next getter
          getter.cancel();
          getters.remove(getter);
          if (!empty() && !getter.cancelled()) wakeupNext(getters);
          throw t;
        }
      }
      return getNowait();
    });
  }

  /**
   * Takes the next item without waiting.
   *
   * @throws QueueEmpty if the queue is empty
   * @throws QueueShutDown if the queue is shut down and empty
   */
  public T getNowait() {
    if (empty()) {
      if (isShutdown) throw new QueueShutDown();
      throw new QueueEmpty();
    }
    T item = getItem();
    wakeupNext(putters);
    return item;
  }

  /**
   * Marks one item taken earlier as processed; {@link #join()} returns when none is left.
   *
   * @throws IllegalArgumentException if called more times than items were put ("task_done() called too many times")
   */
  public void taskDone() {
    if (unfinishedTasks <= 0) throw new IllegalArgumentException("task_done() called too many times");
    unfinishedTasks--;
    if (unfinishedTasks == 0) finished.set();
  }

  /** A coroutine that returns once every item put was marked with {@link #taskDone()}. */
  public Coroutine<Void> join() {
    return Asyncio.async(() -> {
      if (unfinishedTasks > 0) finished.waitNow();
      return null;
    });
  }

  /**
   * Python 3.13's {@code shutdown}: later puts throw {@link QueueShutDown}, and gets too once the
   * queue is empty; waiting getters and putters wake to find out. With {@code immediate}, the
   * queued items are dropped (and count as done).
   */
  public void shutdown(boolean immediate) {
    isShutdown = true;
    if (immediate) {
      while (!empty()) {
        getItem();
        if (unfinishedTasks > 0) unfinishedTasks--;
      }
      if (unfinishedTasks == 0) finished.set();
    }
    for (Future<Void> g; (g = getters.poll()) != null; ) {
      if (!g.done()) g.setResult(null);
    }
    for (Future<Void> p; (p = putters.poll()) != null; ) {
      if (!p.done()) p.setResult(null);
    }
  }

  private static void wakeupNext(ArrayDeque<Future<Void>> waiters) {
    for (Future<Void> w; (w = waiters.poll()) != null; ) {
      if (!w.done()) {
        w.setResult(null);
        break;
      }
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[size=" + qsize() + ", maxsize=" + maxsize + ", getters=" + getters.size()
        + ", putters=" + putters.size() + (isShutdown ? ", shut down" : "") + "]";
  }
}

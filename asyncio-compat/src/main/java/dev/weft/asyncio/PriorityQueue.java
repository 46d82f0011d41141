package dev.weft.asyncio;

import java.util.Comparator;

/**
 * Python's {@code asyncio.PriorityQueue}: a {@link Queue} that gives the smallest item first, by
 * natural order or a {@link Comparator}. Equal items come out in no set order; add a sequence
 * number, as in Python.
 *
 * <pre>{@code
 * PriorityQueue<Integer> q = new PriorityQueue<>();
 * q.putNowait(3); q.putNowait(1);
 * int first = q.getNowait();            // 1
 * }</pre>
 */
public class PriorityQueue<T> extends Queue<T> {
  private final java.util.PriorityQueue<T> heap;

  /** An unbounded queue in natural order (items must be {@link Comparable}). */
  public PriorityQueue() {
    this(0, null);
  }

  /** A queue of at most {@code maxsize} items, in natural order. */
  public PriorityQueue(int maxsize) {
    this(maxsize, null);
  }

  /** A queue of at most {@code maxsize} items (0 or less: unbounded), in {@code comparator}'s order (null: natural). */
  public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
    super(maxsize);
    this.heap = new java.util.PriorityQueue<>(comparator);
  }

  @Override
  void putItem(T item) {
    heap.add(item);
  }

  @Override
  T getItem() {
    return heap.poll();
  }

  @Override
  public int qsize() {
    return heap.size();
  }
}

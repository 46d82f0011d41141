package dev.weft.asyncio;

import java.util.ArrayList;
import java.util.List;

/**
 * The tasks of a loop that are not done, in creation order. Linked through the tasks themselves:
 * adding and removing are a few field writes, where a hash set cost an identity hash code, a node
 * and occasional rehashing for every task spawned. Loop thread only.
 */
final class LiveTasks {
  private Task<?> head, tail;
  private int size;

  void add(Task<?> t) {
    if (contains(t)) return;
    t.prevLive = tail;
    t.nextLive = null;
    if (tail == null) head = t; else tail.nextLive = t;
    tail = t;
    size++;
  }

  void remove(Task<?> t) {
    if (!contains(t)) return;
    Task<?> p = t.prevLive, n = t.nextLive;
    if (p == null) head = n; else p.nextLive = n;
    if (n == null) tail = p; else n.prevLive = p;
    t.prevLive = t.nextLive = null;
    size--;
  }

  /* Read from the links, not a flag: a task is a field smaller (SleepingTasks). */
  private boolean contains(Task<?> t) {
    return t.prevLive != null || head == t;
  }

  int size() {
    return size;
  }

  /** A copy, so that callers may finish or cancel tasks while they go through it. */
  List<Task<?>> snapshot() {
    List<Task<?>> copy = new ArrayList<>(size);
    for (Task<?> t = head; t != null; t = t.nextLive) copy.add(t);
    return copy;
  }

  void clear() {
    while (head != null) remove(head);
  }
}

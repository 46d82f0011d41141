package dev.weft.examples.greenlet;

import dev.weft.continuations.Suspend;
import dev.weft.greenlet.Greenlet;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A tiny round-robin scheduler: each worker greenlet does a step and yields control back to the
 * scheduler (its parent, the main greenlet), which runs the next one until all have finished.
 */
public final class RoundRobin {
  private RoundRobin() {}

  static Greenlet worker(String name, int steps) {
    return new Greenlet(a -> {
      for (int i = 1; i <= steps; i++) {
        System.out.println(name + " step " + i);
        Greenlet.current().parent().switchTo(); // cooperative yield to the scheduler
      }
      return name + " finished";
    });
  }

  public static void main(String[] args) throws Suspend {
    Deque<Greenlet> ready = new ArrayDeque<>();
    ready.add(worker("a", 3));
    ready.add(worker("b", 1));
    ready.add(worker("c", 2));
    while (!ready.isEmpty()) {
      Greenlet g = ready.poll();
      Object result = g.switchTo();
      if (g.isDead()) System.out.println(result);
      else ready.add(g);
    }
  }
}

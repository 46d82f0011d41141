package dev.weft.examples.greenlet;

import dev.weft.continuations.Suspend;
import dev.weft.greenlet.Greenlet;

/**
 * A producer and a consumer handing items to each other by switching: no queue, no threads, no
 * locks. The consumer asks the producer for each item; the producer's return ends the exchange.
 */
public final class ProducerConsumer {
  private ProducerConsumer() {}

  public static void main(String[] args) throws Suspend {
    Greenlet[] consumer = new Greenlet[1];
    Greenlet producer = new Greenlet(a -> {
      for (String item : new String[] {"apple", "bread", "cheese"}) {
        System.out.println("produced " + item);
        consumer[0].switchTo(item);
      }
      return consumer[0].switchTo((Object) null);
    });
    consumer[0] = new Greenlet(a -> {
      int eaten = 0;
      for (Object item = producer.switchTo(); item != null; item = producer.switchTo()) {
        System.out.println("consumed " + item);
        eaten++;
      }
      return eaten + " items";
    });
    System.out.println("consumer finished: " + consumer[0].switchTo());
  }
}

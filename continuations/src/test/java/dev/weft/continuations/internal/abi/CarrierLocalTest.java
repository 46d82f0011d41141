package dev.weft.continuations.internal.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A layer's per-thread value in the carrier: one per thread, as a ThreadLocal's. */
class CarrierLocalTest {
  static final AtomicInteger MADE = new AtomicInteger();
  static final CarrierLocal<String> NAMED = new CarrierLocal<>(c -> Thread.currentThread().getName() + "#" + MADE.incrementAndGet());
  static final CarrierLocal<Object> PLAIN = new CarrierLocal<>();

  @Test
  void theInitialValue_isMadeOncePerThread_onThatThread() throws Exception {
    String here = NAMED.get(Frames.carrier());
    assertSame(here, NAMED.get(Frames.carrier()), "made once on this thread");
    assertEquals(Thread.currentThread().getName(), here.substring(0, here.indexOf('#')));

    CompletableFuture<String> there = new CompletableFuture<>();
    Thread t = new Thread(() -> there.complete(NAMED.get(Frames.carrier())), "other-thread");
    t.start();
    t.join();
    assertNotSame(here, there.get());
    assertEquals("other-thread", there.get().substring(0, there.get().indexOf('#')));
    assertSame(here, NAMED.get(Frames.carrier()), "the other thread's value is its own");
  }

  @Test
  void peek_makesNothing_andSetNullClears() throws Exception {
    Object mine = new Object();
    PLAIN.set(Frames.carrier(), mine);
    assertSame(mine, PLAIN.peek(Frames.carrier()));

    CompletableFuture<Object> seenElsewhere = new CompletableFuture<>();
    Thread t = new Thread(() -> seenElsewhere.complete(PLAIN.peek(Frames.carrier())));
    t.start();
    t.join();
    assertNull(seenElsewhere.get(), "another thread's carrier has its own, unset");

    PLAIN.set(Frames.carrier(), null);
    assertNull(PLAIN.peek(Frames.carrier()));
    assertNull(PLAIN.get(Frames.carrier()), "no initial value: get stays null");
  }
}

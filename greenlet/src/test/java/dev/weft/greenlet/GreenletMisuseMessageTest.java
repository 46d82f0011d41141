package dev.weft.greenlet;

import static dev.weft.testing.Messages.assertContains;
import dev.weft.testing.Latches;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #9, bad input: each misuse of a greenlet fails with the exception SEMANTICS gives, and
 * the message names the greenlets involved after Python's text (STYLE (d)).
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GreenletMisuseMessageTest {

  @Test // SEMANTICS GL16
  void setParent_cycle_namesBothGreenlets() {
    Greenlet a = new Greenlet(args -> null);
    Greenlet b = new Greenlet(args -> null, a);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.setParent(b));
    assertContains(e, "cyclic parent chain (" + a + " is an ancestor of " + b + ")");
  }

  @Test // SEMANTICS GL16
  void setParent_null_namesTheArgument() {
    Greenlet a = new Greenlet(args -> null);
    NullPointerException e = assertThrows(NullPointerException.class, () -> a.setParent(null));
    assertContains(e, "parent");
  }

  @Test // SEMANTICS GL16
  void setParent_onMainGreenlet_namesIt() {
    Greenlet main = Greenlet.current();
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> main.setParent(new Greenlet(args -> null)));
    assertContains(e, "cannot set the parent of a main greenlet (main greenlet[");
    assertContains(e, "thread=" + Thread.currentThread().getName());
  }

  @Test // SEMANTICS GL16, GL17
  void setParent_toAnotherThreadsGreenlet_namesItsThread() throws Exception {
    Greenlet foreign = onOtherThread(() -> new Greenlet(args -> null), "foreign-parent");
    Greenlet mine = new Greenlet(args -> null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mine.setParent(foreign));
    assertContains(e, "parent cannot be on a different thread (");
    assertContains(e, "thread=foreign-parent");
  }

  @Test // SEMANTICS GL17: a live thread's greenlet
  void switchTo_anotherLiveThreadsGreenlet_namesItAndTheRule() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Greenlet> theirs = new AtomicReference<>();
    CountDownLatch made = new CountDownLatch(1);
    Thread owner = new Thread(() -> {
      theirs.set(new Greenlet(args -> null));
      made.countDown();
      Latches.await(release); // keeps the owner alive while the switch is tried
    }, "greenlet-owner");
    owner.start();
    made.await();
    try {
      GreenletError e = assertThrows(GreenletError.class, () -> theirs.get().switchTo());
      assertContains(e, "cannot switch to a different thread");
      assertContains(e, "thread=greenlet-owner");
      assertTrue(!e.getMessage().contains("exited"), e.getMessage());
    } finally {
      release.countDown();
      owner.join();
    }
  }

  @Test // SEMANTICS GL21
  void switchTo_greenletWithoutRun_namesItsClass() {
    Greenlet g = new Greenlet() { };
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, g::switchTo);
    assertContains(e, "run: " + g.getClass().getName() + " does not override run(Object...)");
  }

  private static <T> T onOtherThread(java.util.function.Supplier<T> make, String name) throws InterruptedException {
    AtomicReference<T> out = new AtomicReference<>();
    Thread t = new Thread(() -> out.set(make.get()), name);
    t.start();
    t.join();
    return out.get();
  }

}

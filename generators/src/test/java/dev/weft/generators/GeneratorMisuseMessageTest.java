package dev.weft.generators;

import static dev.weft.testing.Messages.assertContains;
import dev.weft.testing.Latches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #9, bad input: the misuses of a generator that other tests check only by exception type
 * also say what was refused and in which state.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GeneratorMisuseMessageTest {

  static Generator<Integer, String, String> counting() {
    return Generator.create(y -> {
      for (int i = 0; ; i++) {
        if ("stop".equals(y.yield(i))) return "stopped";
      }
    });
  }

  @Test // SEMANTICS G5
  void sendOrThrow_whileHasNextHoldsValue_namesTheOperation() {
    Generator<Integer, String, String> g = counting();
    assertTrue(g.hasNext());
    assertContains(assertThrows(IllegalStateException.class, () -> g.send("x")),
        "send() while hasNext() holds a value: no yield is waiting; call next() first");
    assertContains(assertThrows(IllegalStateException.class, () -> g.throwInto(new RuntimeException())),
        "throwInto() while hasNext() holds a value");
    assertEquals(0, g.next()); // refused without losing the kept value
  }

  @Test // SEMANTICS G3
  void returnValue_beforeReturn_namesTheState() {
    Generator<Integer, String, String> g = counting();
    g.next();
    assertContains(assertThrows(IllegalStateException.class, g::returnValue),
        "generator has not returned a value (state=SUSPENDED)");
  }

  @Test // SEMANTICS G21: after its generator closed
  void yielder_afterClose_namesTheOperationAndGenerator() {
    AtomicReference<Yielder<Integer, Object>> leaked = new AtomicReference<>();
    Generator<Integer, Object, Void> g = Generator.of(y -> {
      leaked.set(y);
      y.yield(1);
    });
    g.next();
    g.close();
    assertContains(assertThrows(IllegalStateException.class, () -> leaked.get().yield(2)),
        "yield() outside the running body of its generator (Generator[CLOSED])");
  }

  @Test // SEMANTICS G21: from another thread while the body runs
  void yielder_fromAnotherThread_namesTheRunningThread() throws Exception {
    CountDownLatch inBody = new CountDownLatch(1);
    CountDownLatch tried = new CountDownLatch(1);
    AtomicReference<Yielder<Integer, Object>> leaked = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Generator<Integer, Object, Void> g = Generator.of(y -> {
      leaked.set(y);
      inBody.countDown();
      Latches.await(tried);
      y.yield(1);
    });
    Thread intruder = new Thread(() -> {
      Latches.await(inBody);
      try {
        leaked.get().yield(99);
      } catch (Throwable t) {
        failure.set(t);
      }
      tried.countDown();
    }, "intruder");
    intruder.start();
    assertEquals(1, g.next()); // the intruder's yield did not disturb the running body
    intruder.join();
    IllegalStateException e = assertInstanceOfIse(failure.get());
    assertContains(e, "yield() outside the running body of its generator (Generator[RUNNING], running on "
        + Thread.currentThread().getName() + ")");
  }

  @Test // SEMANTICS G9, G27
  void yieldFrom_itself_alreadyExecuting_namesThread() {
    AtomicReference<Generator<Integer, Object, Object>> self = new AtomicReference<>();
    self.set(Generator.create(y -> y.yieldFrom(self.get())));
    assertContains(assertThrows(IllegalStateException.class, self.get()::next),
        "generator already executing (state=RUNNING, thread=" + Thread.currentThread().getName() + ")");
  }

  private static IllegalStateException assertInstanceOfIse(Throwable t) {
    assertTrue(t instanceof IllegalStateException, String.valueOf(t));
    return (IllegalStateException) t;
  }

}

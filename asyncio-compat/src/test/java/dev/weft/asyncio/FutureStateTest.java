package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testing.Gc;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FutureStateTest extends LoopFixture {

  @Test // SEMANTICS AF1, AF2
  void setResult_twice_throwsInvalidStateAndKeepsFirst() {
    Future<String> f = loop.createFuture();
    f.setResult("a");
    assertThrows(InvalidStateError.class, () -> f.setResult("b"));
    assertThrows(InvalidStateError.class, () -> f.setException(new RuntimeException()));
    assertFalse(f.cancel());
    assertEquals("a", f.result());
  }

  @Test // SEMANTICS AF1, AF2
  void cancelled_thenSetResult_throwsInvalidState() {
    Future<String> f = loop.createFuture();
    assertTrue(f.cancel());
    assertThrows(InvalidStateError.class, () -> f.setResult("b"));
    assertTrue(f.cancelled());
    assertTrue(f.done());
  }

  @Test // SEMANTICS AF3
  void result_pending_throwsResultIsNotReady() {
    Future<String> f = loop.createFuture();
    InvalidStateError e = assertThrows(InvalidStateError.class, f::result);
    assertTrue(e.getMessage().contains("Result is not ready."));
  }

  @Test // SEMANTICS AF3
  void result_cancelledWithMessage_throwsCancelledErrorWithIt() {
    Future<String> f = loop.createFuture();
    f.cancel("bye");
    CancelledError e = assertThrows(CancelledError.class, f::result);
    assertEquals("bye", e.getMessage());
  }

  @Test // SEMANTICS AF3, section 0 identity
  void result_failedWithCheckedException_rethrowsSameInstanceUnchecked() {
    Future<String> f = loop.createFuture();
    IOException io = new IOException("disk");
    f.setException(io);
    Throwable thrown = assertThrows(IOException.class, f::result);
    assertSame(io, thrown);
  }

  @Test // SEMANTICS AF3
  void result_finished_returnsValue() {
    Future<String> f = loop.createFuture();
    f.setResult("v");
    assertEquals("v", f.result());
    assertNull(f.exception());
  }

  @Test // SEMANTICS AF4
  void exception_pendingOrCancelled_throws() {
    Future<String> f = loop.createFuture();
    InvalidStateError e = assertThrows(InvalidStateError.class, f::exception);
    assertTrue(e.getMessage().contains("Exception is not set."));
    f.cancel();
    assertThrows(CancelledError.class, f::exception);
  }

  @Test // SEMANTICS AF4
  void exception_failed_returnsSameInstance() {
    Future<String> f = loop.createFuture();
    RuntimeException boom = new RuntimeException();
    f.setException(boom);
    assertSame(boom, f.exception());
  }

  @Test // SEMANTICS AF5
  void setException_stopIteration_throwsAndStaysPending() {
    Future<String> f = loop.createFuture();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> f.setException(new dev.weft.generators.StopIteration(null)));
    assertTrue(e.getMessage().contains("StopIteration interacts badly with generators and cannot be raised into a Future"));
    assertFalse(f.done());
  }

  @Test // SEMANTICS AF6
  void doneCallbacks_runInOrderOnceNeverInline() {
    Future<String> f = loop.createFuture();
    List<String> ran = new ArrayList<>();
    f.addDoneCallback(x -> ran.add("1:" + x.result()));
    f.addDoneCallback(x -> ran.add("2:" + x.result()));
    f.setResult("v");
    assertEquals(List.of(), ran);
    iterate(1);
    assertEquals(List.of("1:v", "2:v"), ran);
    iterate(1);
    assertEquals(2, ran.size());
  }

  @Test // SEMANTICS AF6
  void doneCallback_addedWhenDone_scheduledAtOnceReceivesFuture() {
    Future<String> f = loop.createFuture();
    f.setResult("v");
    List<Future<String>> seen = new ArrayList<>();
    f.addDoneCallback(seen::add);
    assertEquals(0, seen.size());
    iterate(1);
    assertSame(f, seen.get(0));
  }

  @Test // SEMANTICS AF7
  void removeDoneCallback_removesEveryRegistrationReturnsCount() {
    Future<String> f = loop.createFuture();
    Consumer<Future<String>> cb = x -> steps.expectUnreached();
    Consumer<Future<String>> other = x -> steps.expect(1);
    f.addDoneCallback(cb);
    f.addDoneCallback(other);
    f.addDoneCallback(cb);
    assertEquals(2, f.removeDoneCallback(cb));
    assertEquals(0, f.removeDoneCallback(cb));
    f.setResult("v");
    iterate(1);
    steps.finish(2);
  }

  @Test // SEMANTICS AF7: removing the first callback keeps the others in their order
  void removeDoneCallback_first_othersKeepOrder() {
    Future<String> f = loop.createFuture();
    List<String> order = new ArrayList<>();
    Consumer<Future<String>> a = x -> order.add("a");
    f.addDoneCallback(a);
    f.addDoneCallback(x -> order.add("b"));
    f.addDoneCallback(x -> order.add("c"));
    assertEquals(1, f.removeDoneCallback(a));
    f.addDoneCallback(x -> order.add("d"));
    f.addDoneCallback(a);
    f.setResult("v");
    iterate(1);
    assertEquals(List.of("b", "c", "d", "a"), order);
  }

  @Test // SEMANTICS AF7
  void removeDoneCallback_only_thenAddAgain_runsOnce() {
    Future<String> f = loop.createFuture();
    List<String> order = new ArrayList<>();
    Consumer<Future<String>> a = x -> order.add("a");
    f.addDoneCallback(a);
    assertEquals(1, f.removeDoneCallback(a));
    assertEquals(0, f.removeDoneCallback(a));
    f.addDoneCallback(a);
    f.setResult("v");
    iterate(1);
    assertEquals(List.of("a"), order);
  }

  @Test // SEMANTICS AF8
  void cancel_pending_setsCancelledSchedulesCallbacksReturnsTrue() {
    Future<String> f = loop.createFuture();
    f.addDoneCallback(x -> steps.expect(2));
    assertTrue(f.cancel("m"));
    steps.expect(1);
    assertTrue(f.cancelled());
    iterate(1);
    steps.finish(3);
    assertFalse(f.cancel());
  }

  @Test // SEMANTICS AF9, section 9.1
  void neverRetrieved_collected_reportedToHandler() throws Exception {
    RuntimeException boom = new RuntimeException("lost");
    failAndDrop(boom);
    Map<String, Object> report = awaitReport();
    assertEquals("Future exception was never retrieved", report.get("message"));
    assertSame(boom, report.get("exception"));
    assertTrue(report.containsKey("future"));
  }

  @Test // SEMANTICS AF9
  void retrievedOrCancelled_collected_notReported() throws Exception {
    for (int i = 0; i < 3; i++) {
      Future<String> f = loop.createFuture();
      f.setException(new RuntimeException("seen"));
      if (i == 0) f.exception();
      if (i == 1) assertThrows(RuntimeException.class, f::result);
      if (i == 2) f.cancel();
    }
    RuntimeException marker = new RuntimeException("marker");
    failAndDrop(marker);
    Map<String, Object> report = awaitReport();
    assertSame(marker, report.get("exception")); // the marker came, the retrieved ones never do
    Gc.settle(() -> iterate(1));
    assertEquals(1, reports.size());
  }

  private void failAndDrop(Throwable t) {
    Future<String> f = loop.createFuture();
    f.setException(t);
  }

  private Map<String, Object> awaitReport() throws InterruptedException {
    Gc.untilReported(() -> !reports.isEmpty(), () -> {
      loop.stop();
      loop.callLater(0, () -> { });
      loop.runForever();
    });
    assertFalse(reports.isEmpty(), "no report after forcing collections");
    return reports.get(0);
  }

  @Test // SEMANTICS AF11
  void wrap_completedOnOtherThread_copiesResultThroughLoop() throws Exception {
    Asyncio.setEventLoop(loop);
    CompletableFuture<String> cf = new CompletableFuture<>();
    Future<String> f = Future.wrap(cf);
    assertSame(loop, f.getLoop());
    Thread t = new Thread(() -> cf.complete("x"));
    f.addDoneCallback(x -> loop.stop());
    t.start();
    loop.runForever();
    t.join();
    assertEquals("x", f.result());
  }

  @Test // SEMANTICS AF11
  void wrap_completionException_unwrappedToCause() {
    Asyncio.setEventLoop(loop);
    CompletableFuture<String> cf = new CompletableFuture<>();
    Future<String> f = Future.wrap(cf);
    IllegalStateException cause = new IllegalStateException("inner");
    cf.completeExceptionally(new CompletionException(cause));
    f.addDoneCallback(x -> loop.stop());
    loop.runForever();
    assertSame(cause, f.exception());
  }

  @Test // SEMANTICS AF11
  void wrap_cancelWrapper_cancelsCompletableFuture() {
    Asyncio.setEventLoop(loop);
    CompletableFuture<String> cf = new CompletableFuture<>();
    Future<String> f = Future.wrap(cf);
    f.cancel();
    iterate(1);
    assertTrue(cf.isCancelled());
  }

  @Test // SEMANTICS AF12
  void toCompletableFuture_completesWithFuture() throws Exception {
    Future<String> ok = loop.createFuture();
    Future<String> bad = loop.createFuture();
    Future<String> gone = loop.createFuture();
    CompletableFuture<String> a = ok.toCompletableFuture();
    CompletableFuture<String> b = bad.toCompletableFuture();
    CompletableFuture<String> c = gone.toCompletableFuture();
    RuntimeException boom = new RuntimeException();
    ok.setResult("v");
    bad.setException(boom);
    gone.cancel();
    iterate(1);
    assertEquals("v", a.get());
    assertSame(boom, assertThrows(java.util.concurrent.ExecutionException.class, b::get).getCause());
    assertTrue(c.isCancelled());
  }

  @Test // SEMANTICS AF12
  void toCompletableFuture_cancelled_cancelsFutureThroughLoop() {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> cf = f.toCompletableFuture();
    cf.cancel(true);
    assertFalse(f.cancelled());
    iterate(1);
    assertTrue(f.cancelled());
  }

  @Test // SEMANTICS A16 (executor), section 7 runInExecutor
  void runInExecutor_resultArrivesOnLoop() throws Exception {
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch go = new CountDownLatch(1);
      Future<String> f = loop.runInExecutor(ex, () -> {
        go.await();
        return Thread.currentThread().getName();
      });
      f.addDoneCallback(x -> loop.stop());
      go.countDown();
      loop.runForever();
      assertTrue(f.result().startsWith("pool"));
      Future<String> viaDefault = loop.runInExecutor(null, () -> "d");
      viaDefault.addDoneCallback(x -> loop.stop());
      loop.runForever();
      assertEquals("d", viaDefault.result());
    } finally {
      ex.shutdown();
    }
  }
}

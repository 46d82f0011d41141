package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** Issue #16: the dev.weft.asyncio.* JFR events, read back from a recording dumped to a file. */
class JfrEventsTest {
  private static List<RecordedEvent> record(Runnable work) throws Exception {
    Path file = Files.createTempFile("weft-asyncio", ".jfr");
    try (Recording r = new Recording()) {
      for (String e : List.of("TaskCreated", "TaskFinished", "SlowCallback", "NeverRetrieved", "LoopLag")) {
        r.enable("dev.weft.asyncio." + e).withThreshold(Duration.ZERO);
      }
      r.start();
      work.run();
      r.stop();
      r.dump(file);
      return RecordingFile.readAllEvents(file).stream()
          .filter(e -> e.getEventType().getName().startsWith("dev.weft.asyncio."))
          .collect(Collectors.toList());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static List<RecordedEvent> of(List<RecordedEvent> events, String type) {
    return events.stream().filter(e -> e.getEventType().getName().equals("dev.weft.asyncio." + type)).collect(Collectors.toList());
  }

  @Test
  void taskCreatedAndFinished_withNamesAndOutcomes() throws Exception {
    List<RecordedEvent> events = record(() -> Asyncio.run(Asyncio.async(() -> {
      Task<String> ok = Asyncio.createTask(Asyncio.sleep(0, "x"), "jfr-ok");
      Task<Object> bad = Asyncio.createTask(Asyncio.async(() -> {
        throw new IllegalStateException("boom");
      }), "jfr-bad");
      Asyncio.await(ok);
      try {
        Asyncio.await(bad);
      } catch (IllegalStateException expected) {
        // retrieved
      }
      return null;
    })));
    List<String> created = of(events, "TaskCreated").stream().map(e -> e.getString("task")).collect(Collectors.toList());
    assertTrue(created.containsAll(List.of("jfr-ok", "jfr-bad")), created.toString());
    List<String> finished = of(events, "TaskFinished").stream().map(e -> e.getString("task") + "=" + e.getString("outcome"))
        .collect(Collectors.toList());
    assertTrue(finished.containsAll(List.of("jfr-ok=result", "jfr-bad=exception")), finished.toString());
  }

  @Test
  void slowCallbackInDebugMode_andLoopLag() throws Exception {
    List<RecordedEvent> events = record(() -> {
      try (EventLoop loop = Asyncio.newEventLoop()) {
        loop.setDebug(true);
        loop.callLater(0.05, () -> { }); // not due at the first iteration; 150 ms late at the second
        loop.callSoon(() -> {
          try {
            Thread.sleep(200); // slow, and makes the timer late
          } catch (InterruptedException e) {
            throw new RuntimeException(e);
          }
        });
        loop.callLater(0.4, loop::stop);
        loop.runForever();
      }
    });
    List<RecordedEvent> slow = of(events, "SlowCallback");
    assertEquals(1, slow.size(), events.toString());
    assertTrue(slow.get(0).getDuration("took").toMillis() >= 100, slow.toString());
    List<RecordedEvent> lag = of(events, "LoopLag");
    assertTrue(!lag.isEmpty() && lag.get(0).getDuration("lag").toMillis() >= 100, lag.toString());
  }

  @Test
  void neverRetrievedException() throws Exception {
    List<RecordedEvent> events = record(() -> {
      try (EventLoop loop = Asyncio.newEventLoop()) {
        loop.setExceptionHandler((l, ctx) -> { });
        makeAndDrop(loop);
        for (int i = 0; i < 50 && !NeverRetrievedProbe.seen; i++) {
          System.gc();
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            throw new RuntimeException(e);
          }
        }
      }
    });
    List<RecordedEvent> never = of(events, "NeverRetrieved");
    assertTrue(never.stream().anyMatch(e -> "java.lang.IllegalStateException".equals(e.getString("exceptionClass"))
        && "never looked at".equals(e.getString("message"))), events.toString());
  }

  private static void makeAndDrop(EventLoop loop) {
    Future<Object> f = loop.createFuture();
    f.setException(new IllegalStateException("never looked at"));
  }

  /* Waiting is bounded by the loop count; the collector decides when the report happens. */
  private static final class NeverRetrievedProbe {
    static volatile boolean seen;
  }
}

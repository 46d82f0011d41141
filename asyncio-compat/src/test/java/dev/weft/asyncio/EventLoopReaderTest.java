package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** #18: the public {@code add_reader}/{@code remove_reader}/{@code add_writer}/{@code remove_writer}, over a pipe. */
class EventLoopReaderTest extends LoopFixture {
  Pipe pipe;
  final List<String> log = new ArrayList<>();

  @BeforeEach
  void openPipe() throws IOException {
    pipe = Pipe.open();
    pipe.source().configureBlocking(false);
    pipe.sink().configureBlocking(false);
  }

  @AfterEach
  void closePipe() throws IOException {
    pipe.source().close();
    pipe.sink().close();
  }

  String drain() {
    try {
      ByteBuffer buf = ByteBuffer.allocate(64);
      int n = pipe.source().read(buf);
      return new String(buf.array(), 0, Math.max(n, 0), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  void write(String s) {
    try {
      pipe.sink().write(ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void addWriterThenReader_callbacksRunWhenReady_removeStops() {
    run(Asyncio.async(() -> {
      EventLoop l = Asyncio.getRunningLoop();
      Future<Void> got = l.createFuture();
      l.addReader(pipe.source(), () -> {
        log.add("read " + drain());
        assertTrue(l.removeReader(pipe.source()));
        got.setResult(null);
      });
      l.addWriter(pipe.sink(), () -> {
        write("ping");
        log.add("wrote");
        assertTrue(l.removeWriter(pipe.sink()));
      });
      Asyncio.await(got);
      assertFalse(l.removeReader(pipe.source()), "nothing registered any more");
      assertFalse(l.removeWriter(pipe.sink()));
      return null;
    }));
    assertEquals(List.of("wrote", "read ping"), log);
  }

  @Test
  void addReader_secondCall_replacesTheCallback() {
    run(Asyncio.async(() -> {
      EventLoop l = Asyncio.getRunningLoop();
      Future<Void> got = l.createFuture();
      l.addReader(pipe.source(), () -> log.add("first"));
      l.addReader(pipe.source(), () -> {
        log.add("second " + drain());
        l.removeReader(pipe.source());
        got.setResult(null);
      });
      l.callSoon(() -> write("x"));
      Asyncio.await(got);
      return null;
    }));
    assertEquals(List.of("second x"), log);
  }

  @Test
  void addReader_blockingChannel_refused() throws IOException {
    pipe.source().configureBlocking(true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.addReader(pipe.source(), () -> { }));
    assertEquals("the channel must be non-blocking", e.getMessage());
  }

  @Test
  void addReader_closedLoop_refused_removeReaderFalse() {
    loop.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.addWriter(pipe.sink(), () -> { }));
    assertEquals("Event loop is closed", e.getMessage());
    assertFalse(loop.removeReader(pipe.source()));
  }
}

package dev.weft.asyncio;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** #18: {@code loop.sendfile} over a plain socket (the kernel's transferTo); TLS's fallback is in StreamsTlsTest. */
class SendfileTest extends LoopFixture {
  @TempDir
  Path dir;
  Path file;
  byte[] content;

  @BeforeEach
  void writeFile() throws Exception {
    content = new byte[3 * 1024 * 1024 + 17]; // more than socket buffers hold: sendfile must wait for the reader
    new Random(42).nextBytes(content);
    file = Files.write(dir.resolve("payload.bin"), content);
  }

  /** Reads everything the peer sends until it closes. */
  static byte[] readAll(StreamReader r) throws dev.weft.continuations.Suspend {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (;;) {
      byte[] chunk = Asyncio.await(r.read(65536));
      if (chunk.length == 0) return out.toByteArray();
      out.writeBytes(chunk);
    }
  }

  /** A server whose one connection gets {@code head}, then the file's range, then is closed; returns what the client read. */
  byte[] serve(long offset, Long count, long[] sentAndPosition) throws Exception {
    try (FileChannel f = FileChannel.open(file)) {
      return serve(f, offset, count, sentAndPosition);
    }
  }

  static <T> void setOption(StreamWriter w, java.net.SocketOption<T> option, T value) {
    try {
      ((java.nio.channels.SocketChannel) w.getExtraInfo("socket")).setOption(option, value);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static long position(FileChannel f) {
    try {
      return f.position();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  byte[] serve(FileChannel f, long offset, Long count, long[] sentAndPosition) {
    return run(Asyncio.async(() -> {
      EventLoop l = Asyncio.getRunningLoop();
      Server server = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.async(() -> {
        w.write("head|".getBytes(US_ASCII)); // buffered data goes first
        sentAndPosition[0] = Asyncio.await(l.sendfile(w, f, offset, count));
        sentAndPosition[1] = position(f);
        w.close();
        return null;
      }), "127.0.0.1", 0));
      Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", server.port()));
      byte[] got = readAll(c.reader());
      c.writer().close();
      server.close();
      return got;
    }));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void wholeFile_afterBufferedData_countReturned_positionMoved() throws Exception {
    long[] sent = new long[2];
    byte[] got = serve(0, null, sent);
    assertArrayEquals(concat("head|".getBytes(US_ASCII), content), got);
    assertEquals(content.length, sent[0]);
    assertEquals(content.length, sent[1]);
  }

  @Test
  void range_offsetAndCount() throws Exception {
    long[] sent = new long[2];
    byte[] got = serve(1000, 500_000L, sent);
    assertArrayEquals(concat("head|".getBytes(US_ASCII), Arrays.copyOfRange(content, 1000, 501_000)), got);
    assertEquals(500_000, sent[0]);
    assertEquals(501_000, sent[1]);
  }

  @Test
  void countPastTheEnd_sendsWhatThereIs() throws Exception {
    long[] sent = new long[2];
    byte[] got = serve(content.length - 10, 1000L, sent);
    assertEquals(10, sent[0]);
    assertEquals(5 + 10, got.length);
  }

  @Test
  void writeDuringSendfile_refused_badArguments_refused() throws Exception {
    content = new byte[24 * 1024 * 1024]; // more than loopback's autotuned buffers take at once
    file = Files.write(dir.resolve("big.bin"), content);
    try (FileChannel f = FileChannel.open(file)) {
      writeDuringSendfile(f);
    }
  }

  void writeDuringSendfile(FileChannel f) {
    run(Asyncio.async(() -> {
      EventLoop l = Asyncio.getRunningLoop();
      Future<String> refusal = l.createFuture();
      int[] accepted = {0}; // writes that got in before sendfile took the socket: they go first
      Server server = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.async(() -> {
        {
          setOption(w, java.net.StandardSocketOptions.SO_SNDBUF, 16 * 1024);
          assertThrows(IllegalArgumentException.class, () -> l.sendfile(w, f, -1, null));
          assertThrows(IllegalArgumentException.class, () -> l.sendfile(w, f, 0, 0L));
          Task<Long> sending = Asyncio.createTask(l.sendfile(w, f, 0, null));
          while (!refusal.done() && !sending.done()) {
            Asyncio.await(Asyncio.sleep(0));
            try {
              w.write(new byte[1]);
              accepted[0]++;
            } catch (IllegalStateException e) {
              refusal.setResult(e.getMessage());
            }
          }
          // never hang the client: a sendfile done before any refusal fails the assertion below
          if (!refusal.done()) refusal.setResult("sendfile finished before a write was refused");
          Asyncio.await(sending);
        }
        w.close();
        return null;
      }), "127.0.0.1", 0));
      Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", server.port()));
      setOption(c.writer(), java.net.StandardSocketOptions.SO_RCVBUF, 16 * 1024);
      String message = Asyncio.await(refusal); // the client does not read yet: sendfile waits for room
      assertTrue(message.contains("sendfile() is in progress"), message);
      assertEquals(accepted[0] + content.length, readAll(c.reader()).length);
      c.writer().close();
      server.close();
      return null;
    }));
  }
}

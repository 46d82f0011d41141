package dev.weft.asyncio.load;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Coroutine;
import dev.weft.asyncio.EventLoopGroup;
import dev.weft.asyncio.Server;
import dev.weft.asyncio.StreamReader;
import dev.weft.asyncio.StreamWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A line echo server on Weft streams, as a user would write it, on its own loop thread(s), counting
 * how each connection ended: {@code eof} (the peer closed or half-closed), {@code reset} (an I/O
 * error such as a reset), {@code overlong} (a line past the stream limit).
 */
final class EchoServer implements AutoCloseable {
  final EventLoopGroup group;
  final Server server;
  final Map<String, LongAdder> endings = new ConcurrentHashMap<>();
  final AtomicInteger open = new AtomicInteger();

  EchoServer(int loops) throws Exception {
    group = new EventLoopGroup(loops);
    server = group.submit(group.loops().get(0),
        () -> Asyncio.await(group.startServer(this::serve, "127.0.0.1", 0))).get(10, TimeUnit.SECONDS);
  }

  int port() {
    return server.port();
  }

  long ended(String how) {
    LongAdder a = endings.get(how);
    return a == null ? 0 : a.sum();
  }

  /** Waits (up to {@code millis}) until at least {@code count} connections ended {@code how}; true if they did. */
  boolean awaitEnded(String how, long count, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    synchronized (endings) {
      for (long left; ended(how) < count && (left = deadline - System.nanoTime()) > 0; ) {
        endings.wait(Math.max(1, left / 1_000_000L));
      }
    }
    return ended(how) >= count;
  }

  private Coroutine<?> serve(StreamReader r, StreamWriter w) {
    return Asyncio.async(() -> {
      open.incrementAndGet();
      String how = "eof";
      try {
        for (;;) {
          byte[] line = Asyncio.await(r.readline());
          if (line.length == 0) break;
          w.write(line);
          Asyncio.await(w.drain()); // back-pressure: a peer that does not read stops this loop's reads from it
        }
      } catch (IllegalArgumentException overlong) { // readline's ValueError: the line passed the limit
        how = "overlong";
      } catch (UncheckedIOException lost) {
        how = "reset";
      } finally {
        open.decrementAndGet();
        endings.computeIfAbsent(how, k -> new LongAdder()).increment();
        synchronized (endings) {
          endings.notifyAll();
        }
        w.close();
      }
      return null;
    });
  }

  @Override
  public void close() throws Exception {
    group.submit(group.loops().get(0), () -> {
      server.close();
      return null;
    }).get(10, TimeUnit.SECONDS);
    group.close(); // cancels the handlers still waiting, closes the server with its loop
  }
}

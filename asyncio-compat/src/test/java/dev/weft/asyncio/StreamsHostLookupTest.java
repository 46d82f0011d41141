package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.asyncio.internal.streams.HostLookup;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Host names never block the loop: literals are parsed inline, other names looked up on the default executor. */
class StreamsHostLookupTest extends LoopFixture {
  static final HostLookup.Resolver NEVER = host -> {
    throw new AssertionError("looked up " + host);
  };

  @Test
  void literal_addressesAndLocalhost_parsedWithoutResolver_namesNot() throws Exception {
    assertEquals(InetAddress.getByAddress(new byte[] {10, 1, 2, (byte) 254}), HostLookup.literal("10.1.2.254"));
    assertEquals(InetAddress.getByName("::1"), HostLookup.literal("::1"));
    assertEquals(InetAddress.getByName("::1"), HostLookup.literal("[::1]"));
    assertEquals(InetAddress.getLoopbackAddress(), HostLookup.literal("LocalHost"));
    assertNull(HostLookup.literal("example.com"));
    assertNull(HostLookup.literal("1password.com"));
    UncheckedIOException bad = assertThrows(UncheckedIOException.class, () -> HostLookup.literal("10.0.0.256"));
    assertInstanceOf(UnknownHostException.class, bad.getCause());
  }

  @Test
  void openConnection_literalAndLocalhost_connectWithoutResolver() {
    int connections = run(Asyncio.async(() -> {
      Server server = Asyncio.await(Streams.startServer((r, w) -> {
        w.close();
        return null;
      }, "127.0.0.1", 0, NEVER));
      for (String host : List.of("127.0.0.1", "localhost")) {
        Connection c = Asyncio.await(Streams.openConnection(host, server.port(), StreamReader.DEFAULT_LIMIT, NEVER));
        Asyncio.await(c.reader().read(-1));
        c.writer().close();
      }
      server.close();
      return 2;
    }));
    assertEquals(2, connections);
  }

  /**
   * The resolver blocks until a task on the loop has run: were it called on the loop thread, the
   * task could never run and the lookup would time out.
   */
  @Test
  void openConnection_name_lookedUpOnExecutorWhileLoopRuns() {
    CountDownLatch loopRan = new CountDownLatch(1);
    List<Thread> lookupThreads = new CopyOnWriteArrayList<>();
    HostLookup.Resolver slow = host -> {
      lookupThreads.add(Thread.currentThread());
      try {
        if (!loopRan.await(10, TimeUnit.SECONDS)) throw new UnknownHostException("loop blocked during lookup of " + host);
      } catch (InterruptedException e) {
        throw new UnknownHostException("interrupted");
      }
      return new InetAddress[] {InetAddress.getLoopbackAddress()};
    };
    Thread loopThread = Thread.currentThread();
    InetSocketAddress peer = run(Asyncio.async(() -> {
      Server server = Asyncio.await(Asyncio.startServer((r, w) -> {
        w.close();
        return null;
      }, "127.0.0.1", 0));
      Asyncio.createTask(Asyncio.async(() -> {
        loopRan.countDown();
        return null;
      }));
      Connection c = Asyncio.await(Streams.openConnection("db.internal.example", server.port(), StreamReader.DEFAULT_LIMIT, slow));
      InetSocketAddress remote = (InetSocketAddress) c.writer().getExtraInfo("peername");
      c.writer().close();
      server.close();
      return remote;
    }));
    assertEquals(InetAddress.getLoopbackAddress(), peer.getAddress());
    assertEquals(1, lookupThreads.size());
    assertNotSame(loopThread, lookupThreads.get(0));
    assertTrue(lookupThreads.get(0).getName().startsWith("weft-asyncio-executor-"), lookupThreads.get(0).getName());
  }

  @Test
  void openConnection_unknownName_uncheckedIoWrappingUnknownHost() {
    UnknownHostException unknown = new UnknownHostException("no-such-host.invalid");
    Throwable failure = run(Asyncio.async(() -> {
      try {
        Asyncio.await(Streams.openConnection("no-such-host.invalid", 80, StreamReader.DEFAULT_LIMIT, host -> {
          throw unknown;
        }));
        return null;
      } catch (UncheckedIOException e) {
        return e.getCause();
      }
    }));
    assertEquals(unknown, failure);
  }

  @Test
  void startServer_name_boundToLookedUpAddress() {
    InetSocketAddress bound = run(Asyncio.async(() -> {
      Server server = Asyncio.await(Streams.startServer((r, w) -> null, "api.example", 0,
          host -> new InetAddress[] {InetAddress.getLoopbackAddress()}));
      InetSocketAddress address = server.sockets().get(0);
      server.close();
      return address;
    }));
    assertEquals(InetAddress.getLoopbackAddress(), bound.getAddress());
  }
}

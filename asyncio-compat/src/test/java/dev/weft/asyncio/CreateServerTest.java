package dev.weft.asyncio;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.asyncio.ProtocolTransportTest.Recorder;
import dev.weft.asyncio.internal.streams.HostLookup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** #18: {@code loop.create_server}: every address of the host bound, and 3.12's {@code wait_closed}. */
@Timeout(60)
class CreateServerTest extends LoopFixture {
  static final InetAddress V4 = loopback("127.0.0.1");
  static final InetAddress V6 = loopback("::1");
  /* A name with both loopback addresses, as many hosts files give "localhost". */
  static final HostLookup.Resolver DUAL = host -> {
    if (!host.equals("dual.test")) throw new UnknownHostException(host);
    return new InetAddress[] {V4, V6, V4};
  };

  static InetAddress loopback(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  static boolean ipv6LoopbackWorks() {
    try (ServerSocketChannel ch = ServerSocketChannel.open()) {
      ch.bind(new InetSocketAddress(V6, 0));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static Set<InetAddress> addressesOf(Server server) {
    Set<InetAddress> found = new LinkedHashSet<>();
    for (InetSocketAddress a : server.sockets()) found.add(a.getAddress());
    return found;
  }

  /** Connects a Recorder to {@code address}, says hi, and waits for the server's echo. */
  String echoOnce(InetAddress address, int port) throws dev.weft.continuations.Suspend {
    StreamEndpoint<Recorder> c = Asyncio.await(loop.createConnection(Recorder::new, address.getHostAddress(), port));
    c.transport().write("hi".getBytes(US_ASCII));
    c.transport().writeEof();
    Asyncio.await(c.protocol().lost);
    return c.protocol().received.toString();
  }

  /* The server listens on exactly `expected`, all on its one port (port 0 asked), and each socket serves. */
  void assertEverySocketEchoes(Server server, Set<InetAddress> expected) throws dev.weft.continuations.Suspend {
    assertEquals(expected, addressesOf(server));
    for (InetSocketAddress a : server.sockets()) {
      assertEquals(server.port(), a.getPort(), "port 0: one port for every socket");
      assertEquals("hi", echoOnce(a.getAddress(), a.getPort()));
    }
  }

  @Test
  void createServer_localhost_bindsEveryAddressItResolvesTo_onePort() throws Exception {
    Set<InetAddress> expected = new LinkedHashSet<>(List.of(InetAddress.getAllByName("localhost")));
    run(Asyncio.async(() -> {
      Server server = Asyncio.await(loop.createServer(ProtocolTransportTest.Echo::new, "localhost", 0));
      assertEverySocketEchoes(server, expected);
      server.close();
      return null;
    }));
  }

  @Test
  void createServer_nameWithIpv4AndIpv6_bindsBoth_deduplicated_eachServes() {
    assumeTrue(ipv6LoopbackWorks(), "no IPv6 loopback here");
    run(Asyncio.async(() -> {
      Server server = Asyncio.await(Asyncio.async(() -> TcpEndpoints.listen(loop,
          new ProtocolHandler(ProtocolTransportTest.Echo::new, null), "dual.test", 0, DUAL, null)));
      assertEquals(Set.of(V4, V6), addressesOf(server));
      assertEquals(2, server.sockets().size());
      for (InetAddress a : List.of(V4, V6)) assertEquals("hi", echoOnce(a, server.port()));
      server.close();
      return null;
    }));
  }

  @Test
  void startServer_localhost_bindsEveryAddressItResolvesTo_onePort() throws Exception {
    Set<InetAddress> expected = new LinkedHashSet<>(List.of(InetAddress.getAllByName("localhost")));
    run(Asyncio.async(() -> {
      Server server = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.async(() -> {
        w.write(Asyncio.await(r.read(-1)));
        w.close();
        return null;
      }), "localhost", 0));
      assertEverySocketEchoes(server, expected);
      server.close();
      return null;
    }));
  }

  @Test
  void startServer_portInUse_failsWithCPythonsBindMessage() {
    run(Asyncio.async(() -> {
      Server first = Asyncio.await(Asyncio.startServer((r, w) -> null, "127.0.0.1", 0));
      UncheckedIOException e = assertThrows(UncheckedIOException.class,
          () -> Asyncio.await(Asyncio.startServer((r, w) -> null, "127.0.0.1", first.port())));
      BindException bind = assertInstanceOf(BindException.class, e.getCause());
      assertEquals("error while attempting to bind on address ('127.0.0.1', " + first.port() + "): address already in use",
          bind.getMessage());
      first.close();
      return null;
    }));
  }

  @Test
  void startServer_streams_nameWithIpv4AndIpv6_bindsBoth() {
    assumeTrue(ipv6LoopbackWorks(), "no IPv6 loopback here");
    run(Asyncio.async(() -> {
      Server server = Asyncio.await(Streams.startServer((r, w) -> Asyncio.async(() -> {
        w.write(Asyncio.await(r.read(-1)));
        w.close();
        return null;
      }), "dual.test", 0, DUAL));
      assertEquals(Set.of(V4, V6), addressesOf(server));
      for (InetAddress a : List.of(V4, V6)) assertEquals("hi", echoOnce(a, server.port()));
      server.close();
      return null;
    }));
  }

  @Test
  void createServer_nullHost_oneSocketOnEveryInterface() {
    run(Asyncio.async(() -> {
      Server server = Asyncio.await(loop.createServer(ProtocolTransportTest.Echo::new, null, 0));
      assertEquals(1, server.sockets().size());
      assertTrue(server.sockets().get(0).getAddress().isAnyLocalAddress());
      assertEquals("hi", echoOnce(V4, server.port()));
      server.close();
      return null;
    }));
  }

  @Test
  void createServer_portInUse_failsWithCPythonsBindMessage() {
    run(Asyncio.async(() -> {
      Server first = Asyncio.await(loop.createServer(Recorder::new, "127.0.0.1", 0));
      UncheckedIOException e = assertThrows(UncheckedIOException.class,
          () -> Asyncio.await(loop.createServer(Recorder::new, "127.0.0.1", first.port())));
      BindException bind = assertInstanceOf(BindException.class, e.getCause());
      assertEquals("error while attempting to bind on address ('127.0.0.1', " + first.port() + "): address already in use",
          bind.getMessage());
      first.close();
      return null;
    }));
  }

  @Test
  void createServer_factoryThrows_reported_connectionClosed_serverGoesOn() {
    IllegalStateException boom = new IllegalStateException("no protocol today");
    run(Asyncio.async(() -> {
      boolean[] refuse = {true};
      Server server = Asyncio.await(loop.createServer(() -> {
        if (refuse[0]) throw boom;
        return new ProtocolTransportTest.Echo();
      }, "127.0.0.1", 0));
      StreamEndpoint<Recorder> c = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", server.port()));
      assertNull(Asyncio.await(c.protocol().lost), "closed by the server: EOF, then a clean close");
      refuse[0] = false;
      assertEquals("hi", echoOnce(V4, server.port()));
      server.close();
      return null;
    }));
    assertEquals("Error on transport creation for incoming connection", reports.get(0).get("message"));
    assertEquals(boom, reports.get(0).get("exception"));
    reports.clear();
  }

  @Test
  void closeClients_and_abortClients_protocolServer_closeEveryConnection() {
    List<Recorder> accepted = new ArrayList<>();
    run(Asyncio.async(() -> {
      Server server = Asyncio.await(loop.createServer(() -> {
        Recorder r = new Recorder();
        accepted.add(r);
        return r;
      }, "127.0.0.1", 0));
      StreamEndpoint<Recorder> a = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", server.port()));
      ProtocolTransportTest.until(() -> accepted.size() == 1 && accepted.get(0).transport != null);
      server.closeClients();
      assertNull(Asyncio.await(accepted.get(0).lost));
      assertNull(Asyncio.await(a.protocol().lost), "the client reads the end and closes");
      StreamEndpoint<Recorder> b = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", server.port()));
      ProtocolTransportTest.until(() -> accepted.size() == 2 && accepted.get(1).transport != null);
      server.abortClients();
      assertNull(Asyncio.await(accepted.get(1).lost));
      Asyncio.await(b.protocol().lost);
      assertTrue(server.isServing());
      server.close();
      Asyncio.await(server.waitClosed());
      return null;
    }));
  }

  // ---- wait_closed (3.12) --------------------------------------------------------------------

  @Test
  void waitClosed_afterClose_waitsForTheLiveConnection() {
    List<Recorder> accepted = new ArrayList<>();
    run(Asyncio.async(() -> {
      Server server = Asyncio.await(loop.createServer(() -> {
        Recorder r = new Recorder();
        accepted.add(r);
        return r;
      }, "127.0.0.1", 0));
      StreamEndpoint<Recorder> c = Asyncio.await(loop.createConnection(Recorder::new, "127.0.0.1", server.port()));
      ProtocolTransportTest.until(() -> accepted.size() == 1 && accepted.get(0).transport != null);
      Task<Void> waiting = Asyncio.createTask(server.waitClosed());
      server.close();
      assertFalse(server.isServing());
      for (int i = 0; i < 20; i++) Asyncio.await(Asyncio.sleep(0));
      assertFalse(waiting.done(), "a connection the server accepted is still open");
      c.transport().close(); // the server's protocol reads EOF and closes its side
      Asyncio.await(waiting);
      assertTrue(accepted.get(0).lost.done());
      return null;
    }));
  }

  @Test
  void waitClosed_beforeClose_waitsForCloseToo() {
    run(Asyncio.async(() -> {
      Server server = Asyncio.await(loop.createServer(Recorder::new, "127.0.0.1", 0));
      Task<Void> waiting = Asyncio.createTask(server.waitClosed());
      for (int i = 0; i < 5; i++) Asyncio.await(Asyncio.sleep(0));
      assertFalse(waiting.done(), "still serving");
      server.close();
      Asyncio.await(waiting);
      return null;
    }));
  }

  @Test
  void waitClosed_streamServer_waitsForItsConnections() {
    run(Asyncio.async(() -> {
      Future<StreamWriter> handler = loop.createFuture();
      Server server = Asyncio.await(Asyncio.startServer((r, w) -> {
        handler.setResult(w);
        return null;
      }, "127.0.0.1", 0));
      Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", server.port()));
      StreamWriter accepted = Asyncio.await(handler);
      server.close();
      Task<Void> waiting = Asyncio.createTask(server.waitClosed());
      for (int i = 0; i < 20; i++) Asyncio.await(Asyncio.sleep(0));
      assertFalse(waiting.done());
      accepted.close();
      Asyncio.await(waiting);
      c.writer().close();
      return null;
    }));
  }
}

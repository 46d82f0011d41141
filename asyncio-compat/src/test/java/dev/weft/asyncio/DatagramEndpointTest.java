package dev.weft.asyncio;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** #18: {@code create_datagram_endpoint} over real UDP sockets on the loopback interface. */
class DatagramEndpointTest extends LoopFixture {
  static final InetSocketAddress ANY_LOCAL = new InetSocketAddress("127.0.0.1", 0);

  /** Logs every callback; completes {@link #received} with each datagram, {@link #lost} at the end. */
  static class Recorder implements DatagramProtocol {
    final List<String> log = new ArrayList<>();
    DatagramTransport transport;
    Future<String> received;
    Future<Exception> lost;
    Future<Exception> error;

    Recorder() {
      EventLoop l = Asyncio.getRunningLoop();
      received = l.createFuture();
      lost = l.createFuture();
      error = l.createFuture();
    }

    @Override
    public void connectionMade(DatagramTransport t) {
      transport = t;
      log.add("made");
    }

    @Override
    public void datagramReceived(byte[] data, SocketAddress addr) {
      String s = new String(data, US_ASCII);
      log.add("got " + s);
      if (!received.done()) received.setResult(s);
    }

    @Override
    public void errorReceived(Exception exc) {
      log.add("error " + exc.getClass().getSimpleName());
      if (!error.done()) error.setResult(exc);
    }

    @Override
    public void connectionLost(Exception exc) {
      log.add("lost " + exc);
      lost.setResult(exc);
    }

    void rearm() {
      received = Asyncio.getRunningLoop().createFuture();
    }
  }

  /** Echoes every datagram to where it came from. */
  static class Echo extends Recorder {
    @Override
    public void datagramReceived(byte[] data, SocketAddress addr) {
      super.datagramReceived(data, addr);
      transport.sendto(("echo " + new String(data, US_ASCII)).getBytes(US_ASCII), addr);
    }
  }

  /** A UDP port that was free a moment ago: nothing listens there. */
  static InetSocketAddress freePort() {
    try (DatagramSocket s = new DatagramSocket(ANY_LOCAL)) {
      return (InetSocketAddress) s.getLocalSocketAddress();
    } catch (java.net.SocketException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InetSocketAddress sockname(DatagramEndpoint<?> e) {
    return (InetSocketAddress) e.transport().getExtraInfo("sockname");
  }

  @Test
  void echo_connectedClientAndBoundServer_connectionMadeFirst_lostLast() {
    List<String> serverLog = run(Asyncio.async(() -> {
      EventLoop l = Asyncio.getRunningLoop();
      DatagramEndpoint<Echo> server = Asyncio.await(l.createDatagramEndpoint(Echo::new, ANY_LOCAL, null));
      assertEquals(List.of("made"), server.protocol().log, "the endpoint resolves after connectionMade");
      DatagramEndpoint<Recorder> client = Asyncio.await(l.createDatagramEndpoint(Recorder::new, null, sockname(server)));
      assertEquals(sockname(server), client.transport().getExtraInfo("peername"));
      assertTrue(client.transport().getExtraInfo("socket") instanceof DatagramChannel);
      client.transport().sendto("ping".getBytes(US_ASCII));
      assertEquals("echo ping", Asyncio.await(client.protocol().received));
      client.protocol().rearm();
      client.transport().sendto("again".getBytes(US_ASCII), sockname(server)); // the remote address itself is allowed
      assertEquals("echo again", Asyncio.await(client.protocol().received));
      client.transport().close();
      assertTrue(client.transport().isClosing());
      assertNull(Asyncio.await(client.protocol().lost));
      assertEquals(List.of("made", "got echo ping", "got echo again", "lost null"), client.protocol().log);
      server.transport().close();
      Asyncio.await(server.protocol().lost);
      return server.protocol().log;
    }));
    assertEquals(List.of("made", "got ping", "got again", "lost null"), serverLog);
  }

  @Test
  void badAddresses_refusedWithCPythonsMessages() {
    assertThrows(IllegalArgumentException.class, () -> loop.createDatagramEndpoint(Recorder::new, null, null));
    run(Asyncio.async(() -> {
      EventLoop l = Asyncio.getRunningLoop();
      DatagramEndpoint<Recorder> bound = Asyncio.await(l.createDatagramEndpoint(Recorder::new, ANY_LOCAL, null));
      IllegalArgumentException noAddress = assertThrows(IllegalArgumentException.class,
          () -> bound.transport().sendto(new byte[1]));
      assertTrue(noAddress.getMessage().contains("not connected"), noAddress.getMessage());
      DatagramEndpoint<Recorder> connected = Asyncio.await(l.createDatagramEndpoint(Recorder::new, null, sockname(bound)));
      InetSocketAddress other = new InetSocketAddress("127.0.0.1", sockname(bound).getPort() == 9 ? 10 : 9);
      IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
          () -> connected.transport().sendto(new byte[1], other));
      assertTrue(invalid.getMessage().startsWith("Invalid address: must be null or "), invalid.getMessage());
      connected.transport().close();
      bound.transport().close();
      return null;
    }));
  }

  @Test
  void bindToAnAddressInUse_failsWithTheBindException() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(ANY_LOCAL)) {
      InetSocketAddress where = (InetSocketAddress) taken.getLocalSocketAddress();
      UncheckedIOException e = assertThrows(UncheckedIOException.class,
          () -> run(loop.createDatagramEndpoint(Recorder::new, where, null)));
      assertTrue(e.getCause() instanceof BindException, String.valueOf(e.getCause()));
    }
  }

  @Test
  void connectedToNobody_icmpErrorGoesToErrorReceived_transportStaysOpen() {
    run(Asyncio.async(() -> {
      EventLoop l = Asyncio.getRunningLoop();
      InetSocketAddress nobody = freePort();
      DatagramEndpoint<Recorder> client = Asyncio.await(l.createDatagramEndpoint(Recorder::new, null, nobody));
      client.transport().sendto("anyone?".getBytes(US_ASCII));
      Exception e = Asyncio.await(client.protocol().error);
      assertTrue(e instanceof PortUnreachableException, String.valueOf(e));
      assertFalse(client.transport().isClosing());
      client.transport().close();
      assertNull(Asyncio.await(client.protocol().lost));
      return null;
    }));
  }

  @Test
  void sendsAfterClose_dropped_connectionLostOnce() {
    run(Asyncio.async(() -> {
      EventLoop l = Asyncio.getRunningLoop();
      DatagramEndpoint<Recorder> server = Asyncio.await(l.createDatagramEndpoint(Recorder::new, ANY_LOCAL, null));
      DatagramEndpoint<Recorder> client = Asyncio.await(l.createDatagramEndpoint(Recorder::new, null, sockname(server)));
      client.transport().close();
      client.transport().close();
      client.transport().abort();
      for (int i = 0; i < 7; i++) client.transport().sendto(new byte[] {1}); // dropped; logged after five
      Asyncio.await(client.protocol().lost);
      Asyncio.await(Asyncio.sleep(0));
      assertEquals(List.of("made", "lost null"), client.protocol().log);
      assertFalse(((DatagramChannel) client.transport().getExtraInfo("socket")).isOpen());
      server.transport().close();
      return null;
    }));
  }

  @Test
  void protocolThrows_fatalError_reported_transportAbortedWithIt() {
    RuntimeException boom = new RuntimeException("boom");
    run(Asyncio.async(() -> {
      EventLoop l = Asyncio.getRunningLoop();
      DatagramEndpoint<Recorder> server = Asyncio.await(l.createDatagramEndpoint(() -> new Recorder() {
        @Override
        public void datagramReceived(byte[] data, SocketAddress addr) {
          throw boom;
        }
      }, ANY_LOCAL, null));
      DatagramEndpoint<Recorder> client = Asyncio.await(l.createDatagramEndpoint(Recorder::new, null, sockname(server)));
      client.transport().sendto("x".getBytes(US_ASCII));
      assertSame(boom, Asyncio.await(server.protocol().lost));
      assertTrue(server.transport().isClosing());
      client.transport().close();
      return null;
    }));
    assertEquals(1, reports.size(), reports.toString());
    assertEquals("Fatal read error on datagram transport", reports.get(0).get("message"));
    assertSame(boom, reports.get(0).get("exception"));
    reports.clear();
  }

  @Test
  void loopClose_closesAnEndpointLeftOpen() {
    DatagramChannel[] channel = new DatagramChannel[1];
    run(Asyncio.async(() -> {
      DatagramEndpoint<Recorder> e = Asyncio.await(Asyncio.getRunningLoop().createDatagramEndpoint(Recorder::new, ANY_LOCAL, null));
      channel[0] = (DatagramChannel) e.transport().getExtraInfo("socket");
      return null;
    }));
    assertTrue(loop.isClosed());
    assertFalse(channel[0].isOpen(), "the loop closed the socket of the endpoint nobody closed");
  }

  @Test
  void aThousandDatagrams_allEchoed_flowControlNeverLosesOne() {
    int n = 1000;
    int got = run(Asyncio.async(() -> {
      EventLoop l = Asyncio.getRunningLoop();
      DatagramEndpoint<Echo> server = Asyncio.await(l.createDatagramEndpoint(Echo::new, ANY_LOCAL, null));
      Future<Integer> all = l.createFuture();
      int[] count = {0};
      DatagramEndpoint<Recorder> client = Asyncio.await(l.createDatagramEndpoint(() -> new Recorder() {
        @Override
        public void datagramReceived(byte[] data, SocketAddress addr) {
          if (++count[0] == n) all.setResult(count[0]);
        }
      }, null, sockname(server)));
      // in rounds of 50, each awaited, so loopback's socket buffers cannot overflow and drop any
      for (int round = 0; round < n / 50; round++) {
        int target = (round + 1) * 50;
        for (int i = 0; i < 50; i++) client.transport().sendto(("m" + i).getBytes(US_ASCII));
        while (count[0] < target) Asyncio.await(Asyncio.sleep(0));
      }
      int result = Asyncio.await(all);
      assertEquals(0, client.transport().getWriteBufferSize());
      client.transport().close();
      server.transport().close();
      return result;
    }));
    assertEquals(n, got);
  }
}

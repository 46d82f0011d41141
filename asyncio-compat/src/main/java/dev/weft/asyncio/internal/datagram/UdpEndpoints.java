package dev.weft.asyncio.internal.datagram;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.DatagramEndpoint;
import dev.weft.asyncio.DatagramProtocol;
import dev.weft.asyncio.Future;
import dev.weft.asyncio.internal.loop.SelectorLoop;
import dev.weft.asyncio.internal.streams.HostLookup;
import dev.weft.asyncio.internal.streams.NewProtocol;
import dev.weft.continuations.Suspend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.function.Supplier;

/** CPython's {@code create_datagram_endpoint}: a socket bound and/or connected, wired to a new protocol. */
public final class UdpEndpoints {
  private UdpEndpoints() {}

  /**
   * Opens the endpoint; returns once the protocol's {@code connectionMade} has run. Host names are
   * resolved on the loop's default executor, as {@code getaddrinfo} is in CPython.
   */
  public static <P extends DatagramProtocol> DatagramEndpoint<P> open(SelectorLoop loop, Supplier<? extends P> factory,
      SocketAddress local, SocketAddress remote) throws Suspend {
    local = HostLookup.resolved(loop.loop(), local);
    remote = HostLookup.resolved(loop.loop(), remote);
    DatagramChannel ch = null;
    try {
      ch = DatagramChannel.open(family(local != null ? local : remote));
      ch.configureBlocking(false);
      if (local != null) ch.bind(local);
      if (remote != null) ch.connect(remote);
    } catch (IOException | RuntimeException e) {
      NewProtocol.closeQuietly(ch, e);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    P protocol = NewProtocol.from(factory, ch);
    Future<Void> ready = loop.loop().createFuture();
    UdpTransport transport = new UdpTransport(loop, ch, protocol, remote, () -> {
      if (!ready.done()) ready.setResult(null);
    });
    Asyncio.await(ready);
    return new DatagramEndpoint<>(transport, protocol);
  }

  private static ProtocolFamily family(SocketAddress a) {
    if (a instanceof InetSocketAddress i && i.getAddress() instanceof Inet6Address) return StandardProtocolFamily.INET6;
    if (a instanceof InetSocketAddress) return StandardProtocolFamily.INET;
    throw new IllegalArgumentException("unexpected address family: " + a.getClass().getName() + " (UDP takes an InetSocketAddress)");
  }
}

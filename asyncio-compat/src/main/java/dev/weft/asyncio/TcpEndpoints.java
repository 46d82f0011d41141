package dev.weft.asyncio;

import dev.weft.asyncio.internal.streams.HostLookup;
import dev.weft.asyncio.internal.streams.TcpListen;
import dev.weft.continuations.Suspend;
import java.net.InetAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

/** CPython's {@code base_events.create_server}: the listening sockets of a server. */
final class TcpEndpoints {
  private TcpEndpoints() {}

  /** A server of {@code handler} on every address of {@code host} (null or empty: every interface). */
  static Server listen(EventLoop loop, Server.Handler handler, String host, int port, HostLookup.Resolver resolver,
      EventLoopGroup spread) throws Suspend {
    List<InetAddress> addresses = host == null || host.isEmpty() ? List.of() : HostLookup.resolveAll(loop, host, resolver);
    List<ServerSocketChannel> channels = TcpListen.bind(addresses, port);
    return new Server(loop, channels, handler, spread, null);
  }

}

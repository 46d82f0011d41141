package dev.weft.examples.asyncio;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.DatagramEndpoint;
import dev.weft.asyncio.DatagramProtocol;
import dev.weft.asyncio.DatagramTransport;
import dev.weft.asyncio.EventLoop;
import dev.weft.asyncio.Future;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * UDP with the loop's datagram endpoints: an echo server and a client connected to it, both on
 * the loopback interface. Prints "client got: echo ping".
 *
 * <pre>
 * class Echo(asyncio.DatagramProtocol):
 *     def connection_made(self, t): self.t = t
 *     def datagram_received(self, data, addr): self.t.sendto(b"echo " + data, addr)
 * server, _ = await loop.create_datagram_endpoint(Echo, local_addr=("127.0.0.1", 0))
 * client, proto = await loop.create_datagram_endpoint(Client, remote_addr=server.get_extra_info("sockname"))
 * </pre>
 */
public final class UdpPingPong {
  private UdpPingPong() {}

  /** Sends every datagram back with "echo " in front. */
  static final class Echo implements DatagramProtocol {
    private DatagramTransport transport;

    @Override
    public void connectionMade(DatagramTransport t) {
      transport = t;
    }

    @Override
    public void datagramReceived(byte[] data, SocketAddress from) {
      transport.sendto(("echo " + new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8), from);
    }
  }

  /** Completes {@link #reply} with the first datagram. */
  static final class Client implements DatagramProtocol {
    final Future<String> reply = Asyncio.getRunningLoop().createFuture();

    @Override
    public void datagramReceived(byte[] data, SocketAddress from) {
      if (!reply.done()) reply.setResult(new String(data, StandardCharsets.UTF_8));
    }
  }

  public static void main(String[] args) {
    Asyncio.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      DatagramEndpoint<Echo> server = Asyncio.await(loop.createDatagramEndpoint(Echo::new, new InetSocketAddress("127.0.0.1", 0), null));
      SocketAddress where = (SocketAddress) server.transport().getExtraInfo("sockname");
      DatagramEndpoint<Client> client = Asyncio.await(loop.createDatagramEndpoint(Client::new, null, where));
      client.transport().sendto("ping".getBytes(StandardCharsets.UTF_8));
      System.out.println("client got: " + Asyncio.await(client.protocol().reply));
      client.transport().close();
      server.transport().close();
      return null;
    });
  }
}

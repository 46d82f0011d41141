package dev.weft.examples.asyncio;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.EventLoop;
import dev.weft.asyncio.Future;
import dev.weft.asyncio.Protocol;
import dev.weft.asyncio.Server;
import dev.weft.asyncio.StreamEndpoint;
import dev.weft.asyncio.Transport;
import java.nio.charset.StandardCharsets;

/**
 * TCP with the loop's protocols and transports, the asyncio docs' "TCP Echo Server/Client using
 * protocols": a server protocol that echoes and closes, a client protocol that sends one message
 * and completes a future when the connection is lost. Prints the conversation.
 *
 * <pre>
 * class EchoServer(asyncio.Protocol):
 *     def connection_made(self, transport): self.transport = transport
 *     def data_received(self, data): self.transport.write(data); self.transport.close()
 * class EchoClient(asyncio.Protocol):
 *     def __init__(self, message, on_con_lost): ...
 *     def connection_made(self, transport): transport.write(self.message.encode())
 *     def data_received(self, data): print('Data received: {!r}'.format(data.decode()))
 *     def connection_lost(self, exc): self.on_con_lost.set_result(True)
 * server = await loop.create_server(EchoServer, '127.0.0.1', 0)
 * transport, protocol = await loop.create_connection(lambda: EchoClient(message, on_con_lost), '127.0.0.1', port)
 * await on_con_lost
 * </pre>
 */
public final class ProtocolEcho {
  private ProtocolEcho() {}

  /** Writes back the first data it gets, then closes. */
  static final class EchoServer implements Protocol {
    private Transport transport;

    @Override
    public void connectionMade(Transport t) {
      transport = t;
    }

    @Override
    public void dataReceived(byte[] data) {
      System.out.println("server: data received: " + new String(data, StandardCharsets.UTF_8));
      transport.write(data);
      transport.close();
    }
  }

  /** Sends its message once connected; {@link #onConLost} completes when the server has closed. */
  static final class EchoClient implements Protocol {
    private final String message;
    final Future<Boolean> onConLost;

    EchoClient(String message, Future<Boolean> onConLost) {
      this.message = message;
      this.onConLost = onConLost;
    }

    @Override
    public void connectionMade(Transport t) {
      t.write(message.getBytes(StandardCharsets.UTF_8));
      System.out.println("client: data sent: " + message);
    }

    @Override
    public void dataReceived(byte[] data) {
      System.out.println("client: data received: " + new String(data, StandardCharsets.UTF_8));
    }

    @Override
    public void connectionLost(Exception exc) {
      System.out.println("client: the server closed the connection");
      onConLost.setResult(true);
    }
  }

  public static void main(String[] args) {
    Asyncio.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      Server server = Asyncio.await(loop.createServer(EchoServer::new, "127.0.0.1", 0));
      Future<Boolean> onConLost = loop.createFuture();
      StreamEndpoint<EchoClient> client = Asyncio.await(
          loop.createConnection(() -> new EchoClient("Hello World!", onConLost), "127.0.0.1", server.port()));
      Asyncio.await(onConLost);
      client.transport().close();
      server.close();
      Asyncio.await(server.waitClosed()); // 3.12: returns once the server's side of the connection is closed too
      System.out.println("server closed");
      return null;
    });
  }
}

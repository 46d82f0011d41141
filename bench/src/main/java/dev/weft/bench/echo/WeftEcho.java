package dev.weft.bench.echo;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Connection;
import dev.weft.asyncio.Coroutine;
import dev.weft.asyncio.Server;
import dev.weft.asyncio.StreamReader;
import dev.weft.asyncio.StreamWriter;
import dev.weft.asyncio.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Weft's asyncio streams, written as the Python peer is: the server reads what is there and
 * writes it back; each client writes a message and {@code readexactly}s the echo. One loop thread
 * runs the server and every client.
 */
final class WeftEcho implements EchoSystem {
  @Override
  public String name() {
    return "Weft";
  }

  @Override
  public void run(EchoPlan plan, Samples[] perClient) {
    Asyncio.run(() -> {
      Server server = Asyncio.await(Asyncio.startServer(WeftEcho::echo, "127.0.0.1", 0));
      List<Task<Void>> clients = new ArrayList<>();
      for (int i = 0; i < plan.connections(); i++) {
        Samples samples = perClient[i];
        clients.add(Asyncio.createTask(Asyncio.async(() -> {
          Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", server.port()));
          byte[] message = new byte[plan.size()];
          for (long t0 = System.nanoTime(); plan.running(t0); t0 = System.nanoTime()) {
            c.writer().write(message);
            Asyncio.await(c.reader().readexactly(message.length));
            plan.record(samples, t0, System.nanoTime());
          }
          c.writer().close();
          Asyncio.await(c.writer().waitClosed());
          return null;
        })));
      }
      Asyncio.await(Asyncio.gather(clients.toArray(new Task<?>[0])));
      server.close();
      return null;
    });
  }

  static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) {
    return Asyncio.async(() -> {
      for (byte[] data; (data = Asyncio.await(reader.read(64 * 1024))).length > 0; ) {
        writer.write(data);
        Asyncio.await(writer.drain());
      }
      writer.close();
      return null;
    });
  }
}

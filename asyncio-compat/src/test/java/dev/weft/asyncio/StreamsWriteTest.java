package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What write() keeps of the caller's array, and a burst of connections to one server. */
class StreamsWriteTest extends LoopFixture {

  /** More than a loopback socket takes at once, so part of it must wait in the transport. */
  @Test // SEMANTICS AX10
  void write_callerReusesArray_peerStillGetsWhatWasWritten() {
    byte[] data = new byte[8 << 20];
    for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31);
    byte[] expected = data.clone();
    byte[] got = run(Asyncio.async(() -> {
      Future<byte[]> received = loop.createFuture();
      Server server = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.async(() -> {
        received.setResult(Asyncio.await(r.readexactly(expected.length)));
        w.close();
        return null;
      }), "127.0.0.1", 0));
      Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", server.port()));
      c.writer().write(data);
      Arrays.fill(data, (byte) 0); // Python's bytes cannot change after write(); a Java array can
      Asyncio.await(c.writer().drain());
      byte[] r = Asyncio.await(received);
      c.writer().close();
      server.close();
      return r;
    }));
    assertArrayEquals(expected, got);
  }

  @Test // SEMANTICS AX2
  void startServer_burstOfConnects_allAccepted() {
    int n = 150;
    int served = run(Asyncio.async(() -> {
      Server server = Asyncio.await(Asyncio.startServer((r, w) -> {
        w.write(new byte[] {'!'});
        w.close();
        return null;
      }, "127.0.0.1", 0));
      List<Task<byte[]>> clients = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        clients.add(Asyncio.createTask(Asyncio.async(() -> {
          Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", server.port()));
          byte[] b = Asyncio.await(c.reader().read(-1));
          c.writer().close();
          return b;
        })));
      }
      int ok = 0;
      for (Task<byte[]> t : clients) ok += Asyncio.await(t).length;
      server.close();
      return ok;
    }));
    assertEquals(n, served);
  }
}

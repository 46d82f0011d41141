package dev.weft.asyncio;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** #18: Python 3.13's {@code Server.close_clients()} and {@code abort_clients()}. */
class ServerClientsTest extends LoopFixture {
  /** Handlers that greet, then wait for a line that never comes. */
  final List<StreamWriter> accepted = new ArrayList<>();

  Coroutine<?> greetThenWait(StreamReader r, StreamWriter w) {
    accepted.add(w);
    return Asyncio.async(() -> {
      w.write("hi\n".getBytes(US_ASCII));
      return Asyncio.await(r.readline());
    });
  }

  void closesEveryClient_serverKeepsListening(boolean abort) {
    run(Asyncio.async(() -> {
      Server server = Asyncio.await(Asyncio.startServer(this::greetThenWait, "127.0.0.1", 0));
      List<Connection> clients = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", server.port()));
        assertEquals("hi\n", new String(Asyncio.await(c.reader().readline()), US_ASCII));
        clients.add(c);
      }
      if (abort) server.abortClients();
      else server.closeClients();
      for (StreamWriter w : accepted) assertTrue(w.isClosing());
      for (Connection c : clients) {
        assertArrayEquals(new byte[0], Asyncio.await(c.reader().read(100)), "the server side closed: EOF");
        c.writer().close();
      }
      assertTrue(server.isServing());
      Connection late = Asyncio.await(Asyncio.openConnection("127.0.0.1", server.port()));
      assertEquals("hi\n", new String(Asyncio.await(late.reader().readline()), US_ASCII));
      late.writer().close();
      server.closeClients();
      server.close();
      return null;
    }));
  }

  @Test
  void closeClients_closesEveryAcceptedConnection_serverKeepsListening() {
    closesEveryClient_serverKeepsListening(false);
  }

  @Test
  void abortClients_closesEveryAcceptedConnection_serverKeepsListening() {
    closesEveryClient_serverKeepsListening(true);
  }
}

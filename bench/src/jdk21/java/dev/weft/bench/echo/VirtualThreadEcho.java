package dev.weft.bench.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Blocking sockets, one virtual thread per connection on each side: the code people write
 * instead of an event loop since JDK 21. The scheduler's parallelism is whatever the JVM was
 * started with; bench/run sets it to 1 so that, like the event loops, it runs on one carrier.
 */
final class VirtualThreadEcho implements EchoSystem {
  @Override
  public String name() {
    return "virtual threads (blocking)";
  }

  @Override
  public void run(EchoPlan plan, Samples[] perClient) throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      threads.submit(() -> accept(listener, threads));
      var clients = new java.util.ArrayList<java.util.concurrent.Future<?>>();
      for (int i = 0; i < plan.connections(); i++) {
        Samples samples = perClient[i];
        clients.add(threads.submit(() -> client(plan, listener.getLocalPort(), samples)));
      }
      for (var c : clients) c.get();
      listener.close(); // ends the accept loop; echo threads end on their clients' EOF
    }
  }

  private static Void accept(ServerSocket listener, ExecutorService threads) throws IOException {
    try {
      for (;;) {
        Socket s = listener.accept();
        s.setTcpNoDelay(true);
        threads.submit(() -> echo(s));
      }
    } catch (SocketException closed) {
      return null;
    }
  }

  private static Void echo(Socket s) throws IOException {
    try (s) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) out.write(buf, 0, n);
    }
    return null;
  }

  private static Void client(EchoPlan plan, int port, Samples samples) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setTcpNoDelay(true);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      byte[] message = new byte[plan.size()];
      byte[] echo = new byte[plan.size()];
      for (long t0 = System.nanoTime(); plan.running(t0); t0 = System.nanoTime()) {
        out.write(message);
        if (in.readNBytes(echo, 0, echo.length) < echo.length) throw new IOException("server closed early");
        plan.record(samples, t0, System.nanoTime());
      }
    }
    return null;
  }
}

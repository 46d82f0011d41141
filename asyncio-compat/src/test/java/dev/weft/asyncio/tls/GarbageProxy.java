package dev.weft.asyncio.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP relay between one client and {@code 127.0.0.1:target} that can, on request, write bytes of
 * its own to the client between the server's records (a peer that sends garbage after the
 * handshake), or stop passing the server's bytes after its next write (a peer that stalls).
 */
final class GarbageProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private volatile Socket client;
  private volatile Socket server;
  private final Object toClient = new Object();
  /* Server writes still passed to the client before the relay drops them; negative: no limit. */
  private volatile int passBeforeStall = -1;

  GarbageProxy(int target) throws IOException {
    this.target = target;
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::relay, "garbage-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Writes {@code garbage} to the client; call it when the server has nothing in flight (between its records). */
  void inject(byte[] garbage) {
    synchronized (toClient) {
      try {
        client.getOutputStream().write(garbage);
        client.getOutputStream().flush();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** Passes the server's next read (one write of its, such as one TLS record) to the client, then nothing more. */
  void stallAfterNextChunk() {
    passBeforeStall = 1;
  }

  private void relay() {
    try {
      client = listener.accept();
      server = new Socket(InetAddress.getLoopbackAddress(), target);
      Thread up = new Thread(() -> pump(client, server, new Object(), false), "garbage-proxy-up");
      up.setDaemon(true);
      up.start();
      pump(server, client, toClient, true);
    } catch (IOException closed) {
      // the test is over
    }
  }

  private void pump(Socket from, Socket to, Object lock, boolean mayStall) {
    byte[] buf = new byte[16384];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buf)) > 0; ) {
        if (mayStall && passBeforeStall == 0) continue; // read and dropped: the server thinks it was sent
        if (mayStall && passBeforeStall > 0) passBeforeStall--;
        synchronized (lock) {
          out.write(buf, 0, n);
          out.flush();
        }
      }
      to.shutdownOutput();
    } catch (IOException closed) {
      // either side went away
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    if (client != null) client.close();
    if (server != null) server.close();
  }
}

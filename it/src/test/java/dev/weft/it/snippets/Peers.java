package dev.weft.it.snippets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The far ends that the javadoc examples take as given, on the loopback interface of the
 * example's own JVM: blocking java.net code on daemon threads, started from a snippet's
 * {@code member static { ... }} option. Public, for the snippets' packages.
 */
public final class Peers {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private Peers() {}

  /**
   * A TCP server on 127.0.0.1:{@code port} that echoes every line of every connection, after a
   * {@code greeting} line if that is not null.
   */
  public static void echoLines(int port, String greeting) {
    ServerSocket server = listen(port);
    daemon("echo-" + port, () -> {
      while (true) {
        Socket s = server.accept();
        daemon("echo-connection", () -> {
          try (s; BufferedReader in = reader(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            if (greeting != null) {
              out.write((greeting + "\n").getBytes(StandardCharsets.UTF_8));
              out.flush();
            }
            for (String line; (line = in.readLine()) != null; ) {
              out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
              out.flush();
            }
          }
        });
      }
    });
  }

  /**
   * For an example that serves forever: connects to 127.0.0.1:{@code port} (retrying while
   * nothing listens yet), sends {@code line}, prints "peer got: " and the reply line, and exits the
   * JVM with status 0.
   */
  public static void lineClientThenExit(int port, String line) {
    daemon("client-" + port, () -> {
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (true) {
        try (Socket s = new Socket(LOOPBACK, port)) {
          s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
          String reply = reader(s.getInputStream()).readLine();
          System.out.println("peer got: " + reply);
          System.out.flush();
          Runtime.getRuntime().halt(0);
        } catch (IOException e) {
          if (System.nanoTime() > deadline) throw e;
          Thread.sleep(50);
        }
      }
    });
  }

  /** A UDP server on 127.0.0.1:{@code port} that sends every datagram back to where it came from. */
  public static void echoDatagrams(int port) {
    DatagramSocket socket;
    try {
      socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, port));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    daemon("udp-echo-" + port, () -> {
      byte[] buffer = new byte[65536];
      while (true) {
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        socket.receive(p);
        socket.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
      }
    });
  }

  /** The little of a Redis server that RespClient's example needs: SET and GET of strings, in RESP. */
  public static void redis(int port) {
    ServerSocket server;
    try {
      server = listen(port);
    } catch (UncheckedIOException busy) {
      System.out.println("127.0.0.1:" + port + " is taken: talking to whatever Redis listens there");
      return;
    }
    Map<String, String> values = new HashMap<>();
    daemon("redis-" + port, () -> {
      while (true) {
        Socket s = server.accept();
        daemon("redis-connection", () -> {
          try (s; BufferedReader in = reader(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            for (String head; (head = in.readLine()) != null; ) {
              if (!head.startsWith("*")) throw new IOException("not a RESP array: " + head);
              List<String> args = new ArrayList<>();
              for (int i = Integer.parseInt(head.substring(1)); i > 0; i--) {
                in.readLine();                   // $length
                args.add(in.readLine());
              }
              String reply;
              synchronized (values) {
                switch (args.get(0).toUpperCase(java.util.Locale.ROOT)) {
                  case "SET": values.put(args.get(1), args.get(2)); reply = "+OK\r\n"; break;
                  case "GET": {
                    String v = values.get(args.get(1));
                    reply = v == null ? "$-1\r\n" : "$" + v.getBytes(StandardCharsets.UTF_8).length + "\r\n" + v + "\r\n";
                    break;
                  }
                  default: reply = "-ERR unknown command '" + args.get(0) + "'\r\n";
                }
              }
              out.write(reply.getBytes(StandardCharsets.UTF_8));
              out.flush();
            }
          }
        });
      }
    });
  }

  private static ServerSocket listen(int port) {
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(LOOPBACK, port));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
  }

  private static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  interface Body {
    void run() throws Exception;
  }

  private static void daemon(String name, Body body) {
    Thread t = new Thread(() -> {
      try {
        body.run();
      } catch (Exception e) {
        System.out.println("peer " + name + " failed: " + e);
      }
    }, "peer-" + name);
    t.setDaemon(true);
    t.start();
  }
}

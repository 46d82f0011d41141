package dev.weft.asyncio.load;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A load peer that shares no code with Weft: plain NIO on one selector thread, {@code n}
 * connections to an echo server, each sending {@code rounds} numbered lines one at a time and
 * checking that every reply is the line it sent (nothing lost, nothing reordered, nothing
 * corrupted). Run as a separate JVM (so the server's JVM holds only the server's sockets and heap):
 *
 * <pre>{@code
 * java -cp <test classes> dev.weft.asyncio.load.EchoFlood 127.0.0.1 <port> <connections> <rounds>
 * }</pre>
 *
 * It prints {@code OPEN <n>} once every connection has made its first round trip, waits for a line
 * on standard input (the parent measures its heap meanwhile), finishes the rounds, and prints
 * {@code DONE <connections> <round trips> <mismatches> <millis>}; any failure prints
 * {@code FAIL <reason>} and exits with 1.
 */
public final class EchoFlood {
  private static final long DEADLINE_NANOS = 240_000_000_000L; // a stuck server fails the run, not hangs it

  private final Selector selector;
  private final List<Peer> peers = new ArrayList<>();
  private long roundTrips;
  private long mismatches;

  private EchoFlood() throws IOException {
    selector = Selector.open();
  }

  public static void main(String[] args) throws Exception {
    InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
    int n = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    try {
      EchoFlood flood = new EchoFlood();
      long start = System.nanoTime();
      flood.open(server, n);
      flood.drive(1, start);
      System.out.println("OPEN " + n);
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, US_ASCII)).readLine();
      flood.drive(rounds, start);
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("DONE " + n + " " + flood.roundTrips + " " + flood.mismatches + " " + millis);
      for (Peer p : flood.peers) p.channel.close();
    } catch (Exception | Error e) {
      System.out.println("FAIL " + e);
      System.out.flush();
      System.exit(1);
    }
  }

  private void open(InetSocketAddress server, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      SocketChannel ch = SocketChannel.open();
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      Peer p = new Peer(i, ch);
      peers.add(p);
      if (ch.connect(server)) {
        p.key = ch.register(selector, 0, p);
        p.sendNext();
      } else {
        p.key = ch.register(selector, SelectionKey.OP_CONNECT, p);
      }
    }
  }

  /** Runs the selector until every peer has made {@code upTo} round trips. */
  private void drive(int upTo, long start) throws IOException {
    for (Peer p : peers) {
      p.target = upTo;
      if (p.connected && p.awaiting == null && p.done < upTo) p.sendNext();
    }
    int unfinished = (int) peers.stream().filter(p -> p.done < upTo).count();
    while (unfinished > 0) {
      if (System.nanoTime() - start > DEADLINE_NANOS) throw new IllegalStateException(unfinished + " connections unfinished at the deadline");
      selector.select(1000);
      Iterator<SelectionKey> it = selector.selectedKeys().iterator();
      while (it.hasNext()) {
        SelectionKey k = it.next();
        it.remove();
        Peer p = (Peer) k.attachment();
        if (k.isConnectable()) {
          p.channel.finishConnect();
          p.connected = true;
          p.sendNext();
        } else if (k.isWritable()) {
          p.flush();
        } else if (k.isReadable() && p.read() && p.done >= upTo) {
          unfinished--;
        }
      }
    }
  }

  private final class Peer {
    final int id;
    final SocketChannel channel;
    SelectionKey key;
    boolean connected;
    int done;
    int target;
    String awaiting;
    ByteBuffer out;
    final ByteBuffer in = ByteBuffer.allocate(128);

    Peer(int id, SocketChannel channel) {
      this.id = id;
      this.channel = channel;
    }

    void sendNext() throws IOException {
      connected = true;
      awaiting = "c" + id + "-" + done + "\n";
      out = ByteBuffer.wrap(awaiting.getBytes(US_ASCII));
      flush();
    }

    void flush() throws IOException {
      channel.write(out);
      key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** Reads what arrived; true when a whole reply completed a round trip. */
    boolean read() throws IOException {
      int r = channel.read(in);
      if (r < 0) throw new UncheckedIOException(new IOException("connection " + id + " closed by the server after " + done + " round trips"));
      int nl = -1;
      for (int i = 0; i < in.position(); i++) {
        if (in.get(i) == '\n') {
          nl = i;
          break;
        }
      }
      if (nl < 0) return false;
      String reply = new String(in.array(), 0, nl + 1, US_ASCII);
      if (nl + 1 != in.position()) mismatches++; // the server sent more than the one line asked for
      in.clear();
      if (!reply.equals(awaiting)) mismatches++;
      roundTrips++;
      done++;
      awaiting = null;
      if (done < target) {
        sendNext();
      } else {
        key.interestOps(0);
      }
      return true;
    }
  }
}

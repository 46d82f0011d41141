package dev.weft.asyncio.internal.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The listening sockets of CPython's {@code create_server}: one per address the host resolves to.
 * The JDK exposes no {@code IPV6_V6ONLY}, so "every interface" is the one dual-stack wildcard
 * socket rather than CPython's pair of {@code 0.0.0.0} and {@code ::}.
 */
public final class TcpListen {
  /* Python's default backlog: a burst of connects is not refused meanwhile. */
  private static final int BACKLOG = 100;
  /* Port 0 over several addresses: tries at a port free on all of them (see bind). */
  private static final int PICKS = 5;

  private TcpListen() {}

  /**
   * Non-blocking sockets listening on {@code port} of each of {@code addresses} (the wildcard for
   * an empty list). With port 0 the first socket picks a free port and the others take the same
   * one, so that the server has one port, where CPython lets each socket pick its own; if it is
   * taken on another address, the pick starts over. An address whose family the host has not
   * enabled ({@code EADDRNOTAVAIL}) is skipped, as in CPython, unless none is left.
   *
   * @throws UncheckedIOException wrapping a {@link BindException} "error while attempting to bind
   *     on address ('127.0.0.1', 8888): address already in use" (CPython's message), with the
   *     JDK's exception as its cause
   */
  public static List<ServerSocketChannel> bind(List<InetAddress> addresses, int port) {
    List<InetSocketAddress> where = new ArrayList<>();
    if (addresses.isEmpty()) where.add(new InetSocketAddress(port));
    for (InetAddress a : addresses) where.add(new InetSocketAddress(a, port));
    for (int pick = 1; ; pick++) {
      try {
        return bindAll(where, port);
      } catch (PortTaken e) {
        if (pick == PICKS) throw new UncheckedIOException(e.failure);
      }
    }
  }

  /* The picked port was free on the first address, not on a later one: only with port 0 and several addresses. */
  private static final class PortTaken extends Exception {
    final BindException failure;

    PortTaken(BindException failure) {
      super(null, null, false, false);
      this.failure = failure;
    }
  }

  private static List<ServerSocketChannel> bindAll(List<InetSocketAddress> where, int port) throws PortTaken {
    List<ServerSocketChannel> bound = new ArrayList<>();
    BindException unavailable = null;
    int chosen = port;
    try {
      for (InetSocketAddress a : where) {
        InetSocketAddress at = new InetSocketAddress(a.getAddress(), chosen);
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
          ch.configureBlocking(false);
          ch.bind(at, BACKLOG);
        } catch (IOException e) {
          close(ch, e);
          BindException named = named(at, e);
          if (isUnavailable(e)) {
            if (unavailable == null) unavailable = named;
            continue;
          }
          if (port == 0 && !bound.isEmpty()) throw new PortTaken(named);
          throw new UncheckedIOException(named);
        }
        bound.add(ch);
        if (chosen == 0) chosen = ((InetSocketAddress) ch.getLocalAddress()).getPort();
      }
      if (bound.isEmpty()) throw new UncheckedIOException(unavailable);
      return bound;
    } catch (IOException e) {
      throw closedAfter(bound, new UncheckedIOException(e));
    } catch (UncheckedIOException e) {
      throw closedAfter(bound, e);
    } catch (PortTaken e) {
      closedAfter(bound, new UncheckedIOException(e.failure));
      throw e;
    }
  }

  /* EADDRNOTAVAIL: CPython takes it for "the family is not enabled" (bpo-30945). */
  private static boolean isUnavailable(IOException e) {
    return e instanceof BindException && String.valueOf(e.getMessage()).contains("Cannot assign requested address");
  }

  private static BindException named(InetSocketAddress at, IOException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().toLowerCase(java.util.Locale.ROOT);
    BindException named = new BindException("error while attempting to bind on address " + pythonAddress(at) + ": " + reason);
    named.initCause(e);
    return named;
  }

  /** How Python prints a socket address: {@code ('127.0.0.1', 8888)}, {@code ('::1', 8888, 0, 0)}. */
  static String pythonAddress(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    if (a.getAddress() instanceof Inet6Address) {
      int scope = host.indexOf('%');
      return "('" + (scope < 0 ? host : host.substring(0, scope)) + "', " + a.getPort() + ", 0, 0)";
    }
    return "('" + host + "', " + a.getPort() + ")";
  }

  private static UncheckedIOException closedAfter(List<ServerSocketChannel> bound, UncheckedIOException e) {
    for (ServerSocketChannel ch : bound) close(ch, e);
    return e;
  }

  private static void close(ServerSocketChannel ch, Exception cause) {
    try {
      ch.close();
    } catch (IOException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }
}

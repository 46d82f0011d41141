package dev.weft.asyncio.internal.streams;

import dev.weft.asyncio.internal.loop.SelectorLoop;
import dev.weft.continuations.Suspend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * Connects a non-blocking socket, registered with the loop for OP_CONNECT, trying each address of
 * a host in turn as CPython's {@code sock_connect} loop in {@code create_connection} does.
 */
public final class TcpConnect {
  private TcpConnect() {}

  /**
   * A connected channel to the first of {@code addresses} that accepts. Suspends until then.
   *
   * @throws UncheckedIOException the first address's failure (such as a {@code ConnectException}),
   *     with the later ones suppressed, when none accepts
   */
  public static SocketChannel connect(SelectorLoop loop, InetAddress[] addresses, int port) throws Suspend {
    UncheckedIOException first = null;
    for (InetAddress address : addresses) {
      try {
        return connect(loop, (java.net.SocketAddress) new InetSocketAddress(address, port));
      } catch (UncheckedIOException e) {
        if (first == null) first = e;
        else first.addSuppressed(e);
      }
    }
    if (first == null) throw new UncheckedIOException(new IOException("getaddrinfo() returned empty list"));
    throw first;
  }

  /**
   * Connects a new non-blocking socket to {@code address}: TCP for an {@code InetSocketAddress}, a
   * Unix domain socket for a {@code UnixDomainSocketAddress}.
   *
   * @throws UncheckedIOException the failure to connect (such as a {@code ConnectException}, or a
   *     {@code SocketException} for a socket file that does not exist)
   */
  public static SocketChannel connect(SelectorLoop loop, java.net.SocketAddress address) throws Suspend {
    SocketChannel ch;
    try {
      ch = address instanceof java.net.UnixDomainSocketAddress
          ? SocketChannel.open(java.net.StandardProtocolFamily.UNIX)
          : SocketChannel.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    boolean connected = false;
    try {
      ch.configureBlocking(false);
      SockOps.connect(loop, ch, address);
      connected = true;
      return ch;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!connected) closeQuietly(loop, ch); // failed or cancelled: the socket is ours to close
    }
  }

  private static void closeQuietly(SelectorLoop loop, SocketChannel ch) {
    if (!loop.loop().isClosed()) loop.removeWriter(ch);
    try {
      ch.close();
    } catch (IOException ignored) {
      // the failure that brought us here is the one worth reporting
    }
  }
}

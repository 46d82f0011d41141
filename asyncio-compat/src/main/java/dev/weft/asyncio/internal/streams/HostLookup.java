package dev.weft.asyncio.internal.streams;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.EventLoop;
import dev.weft.continuations.Suspend;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Turns a host name into addresses without blocking the loop, as CPython's
 * {@code loop.getaddrinfo} does: literal addresses and {@code localhost} are answered at once, any
 * other name is looked up on the loop's default executor while the loop keeps running.
 */
public final class HostLookup {
  /** The system resolver, or a stand-in in tests. It may block. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] lookup(String host) throws UnknownHostException;
  }

  public static final Resolver SYSTEM = InetAddress::getAllByName;

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private HostLookup() {}

  /**
   * The addresses of {@code host}, in the resolver's order. Suspends only for a name that needs
   * a lookup.
   *
   * @throws UncheckedIOException wrapping an {@link UnknownHostException} for a name that does not
   *     resolve or a malformed literal
   */
  public static InetAddress[] resolve(EventLoop loop, String host, Resolver resolver) throws Suspend {
    InetAddress literal = literal(host);
    if (literal != null) return new InetAddress[] {literal};
    return Asyncio.await(loop.runInExecutor(null, () -> {
      try {
        return resolver.lookup(host);
      } catch (UnknownHostException e) {
        throw new UncheckedIOException(e);
      }
    }));
  }

  /**
   * Every address of {@code host} for a server to bind, in the resolver's order without
   * duplicates: as {@link #resolve}, except that {@code localhost} is looked up too, since a
   * server listens on each of its addresses (IPv4 and IPv6) as CPython's {@code getaddrinfo}
   * gives them.
   */
  public static java.util.List<InetAddress> resolveAll(EventLoop loop, String host, Resolver resolver) throws Suspend {
    InetAddress literal = host.equalsIgnoreCase("localhost") ? null : literal(host);
    InetAddress[] found = literal != null ? new InetAddress[] {literal} : Asyncio.await(loop.runInExecutor(null, () -> {
      try {
        return resolver.lookup(host);
      } catch (UnknownHostException e) {
        throw new UncheckedIOException(e);
      }
    }));
    return java.util.List.copyOf(new java.util.LinkedHashSet<>(java.util.Arrays.asList(found)));
  }

  /**
   * {@code address}, with an unresolved {@code InetSocketAddress} replaced by its first address
   * (looked up as {@link #resolve} does, with the system resolver); any other address as is.
   */
  public static java.net.SocketAddress resolved(EventLoop loop, java.net.SocketAddress address) throws Suspend {
    if (address instanceof java.net.InetSocketAddress a && a.isUnresolved()) {
      return new java.net.InetSocketAddress(resolve(loop, a.getHostString(), SYSTEM)[0], a.getPort());
    }
    return address;
  }

  /**
   * The address {@code host} spells without asking a resolver, or null when it is a name.
   * {@code localhost} is the loopback address (RFC 6761 reserves the name for it).
   *
   * @throws UncheckedIOException wrapping an {@link UnknownHostException} for a malformed literal
   */
  public static InetAddress literal(String host) {
    if (host.equalsIgnoreCase("localhost")) return InetAddress.getLoopbackAddress();
    try {
      if (IPV4.matcher(host).matches()) return InetAddress.getByAddress(host, ipv4(host));
      if (host.indexOf(':') >= 0) return InetAddress.getByName(host); // an IPv6 literal is parsed, never looked up
    } catch (UnknownHostException e) {
      throw new UncheckedIOException(e);
    }
    return null;
  }

  /* Dotted quads only: InetAddress.getByName would send "1.2.3.456" to the resolver. */
  private static byte[] ipv4(String host) throws UnknownHostException {
    String[] parts = host.split("\\.");
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      int octet = Integer.parseInt(parts[i]);
      if (octet > 255) throw new UnknownHostException(host + ": invalid IPv4 address");
      bytes[i] = (byte) octet;
    }
    return bytes;
  }
}

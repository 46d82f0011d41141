package dev.weft.bench.echo;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.EventLoopGroup;
import dev.weft.asyncio.Server;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The echo servers of {@link ScalingBenchmark}, each with {@code loops} loop threads or processes. */
final class ScalingServers {
  private ScalingServers() {}

  /** Weft: an EventLoopGroup whose first loop accepts and hands connections to the loops in turn. */
  static ScalingBenchmark.Running weft(int loops) throws Exception {
    return weft(loops, WeftEcho::echo);
  }

  /** As {@link #weft(int)}, serving each connection with {@code handler}. */
  static ScalingBenchmark.Running weft(int loops, Server.ClientConnected handler) throws Exception {
    EventLoopGroup group = new EventLoopGroup(loops);
    Server server = group.submit(group.loops().get(0),
        () -> Asyncio.await(group.startServer(handler, "127.0.0.1", 0))).get(10, TimeUnit.SECONDS);
    return new ScalingBenchmark.Running() {
      @Override
      public int port() {
        return server.port();
      }

      @Override
      public void close() throws Exception {
        group.submit(group.loops().get(0), () -> {
          server.close();
          return null;
        }).get(10, TimeUnit.SECONDS);
        group.close();
      }
    };
  }

  /** Netty: one NioEventLoopGroup of {@code loops} threads accepts and serves, as Weft's group does. */
  static ScalingBenchmark.Running netty(int loops) throws Exception {
    return netty(loops, new NettyEcho.ServerHandler());
  }

  /** As {@link #netty(int)}, serving each connection with {@code handler} (shared by all of them). */
  static ScalingBenchmark.Running netty(int loops, io.netty.channel.ChannelHandler handler) throws Exception {
    NioEventLoopGroup group = new NioEventLoopGroup(loops);
    Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(handler)
        .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    return new ScalingBenchmark.Running() {
      @Override
      public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
      }

      @Override
      public void close() throws Exception {
        server.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
      }
    };
  }

  /** uvloop: {@code loops} processes of bench/python/echo_server.py on one port with SO_REUSEPORT. */
  static ScalingBenchmark.Running uvloop(int loops) throws Exception {
    Path script = Path.of("bench/python/echo_server.py");
    Path python = Path.of("/usr/bin/python3");
    if (!Files.isRegularFile(script) || !Files.isExecutable(python)) {
      throw new UnsupportedOperationException("run from the repository root with Debian's /usr/bin/python3");
    }
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    List<Process> processes = new ArrayList<>();
    try {
      for (int i = 0; i < loops; i++) {
        Process p = new ProcessBuilder(python.toString(), script.toString(), Integer.toString(port))
            .redirectErrorStream(true).start();
        processes.add(p);
        String ready = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!("serving " + port).equals(ready)) {
          throw new UnsupportedOperationException("uvloop echo server did not start: " + ready);
        }
      }
    } catch (Exception e) {
      processes.forEach(Process::destroyForcibly);
      throw e;
    }
    return new ScalingBenchmark.Running() {
      @Override
      public int port() {
        return port;
      }

      @Override
      public void close() throws InterruptedException {
        for (Process p : processes) {
          p.destroy();
          p.waitFor(5, TimeUnit.SECONDS);
        }
      }
    };
  }
}

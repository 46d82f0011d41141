package dev.weft.bench.echo;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Netty's NIO transport with the idiomatic echo handler (write each read, flush when the read
 * burst ends) and callback clients. One event-loop thread serves the server and every client, as
 * one loop thread does for Weft and asyncio. Pooled direct buffers, Netty's default.
 */
final class NettyEcho implements EchoSystem {
  @Override
  public String name() {
    return "Netty NIO";
  }

  @Override
  public void run(EchoPlan plan, Samples[] perClient) throws Exception {
    EventLoopGroup group = new NioEventLoopGroup(1);
    try {
      Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 128)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ServerHandler())
          .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
      int port = ((InetSocketAddress) server.localAddress()).getPort();
      CountDownLatch finished = new CountDownLatch(plan.connections());
      Bootstrap clients = new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true);
      for (int i = 0; i < plan.connections(); i++) {
        Samples samples = perClient[i];
        clients.handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new Client(plan, samples, finished));
          }
        }).connect(InetAddress.getLoopbackAddress(), port).sync();
      }
      if (!finished.await((long) ((plan.end() - System.nanoTime()) / 1e6) + 30_000, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("Netty clients did not finish");
      }
      server.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  @ChannelHandler.Sharable
  static final class ServerHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.write(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }
  }

  /** Sends a message, counts echoed bytes until all came back, records, sends again. */
  static final class Client extends ChannelInboundHandlerAdapter {
    private final EchoPlan plan;
    private final Samples samples;
    private final CountDownLatch finished;
    private final ByteBuf message;
    private int received;
    private long t0;

    Client(EchoPlan plan, Samples samples, CountDownLatch finished) {
      this.plan = plan;
      this.samples = samples;
      this.finished = finished;
      this.message = Unpooled.unreleasableBuffer(Unpooled.directBuffer(plan.size()).writeZero(plan.size()));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      send(ctx);
    }

    private void send(ChannelHandlerContext ctx) {
      t0 = System.nanoTime();
      ctx.writeAndFlush(message.duplicate());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      received += buf.readableBytes();
      buf.release();
      if (received < plan.size()) return;
      received = 0;
      long t1 = System.nanoTime();
      plan.record(samples, t0, t1);
      if (plan.running(t1)) {
        send(ctx);
      } else {
        ctx.close();
        finished.countDown();
      }
    }
  }
}

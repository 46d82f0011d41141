package dev.weft.examples.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Connection;
import dev.weft.asyncio.EventLoop;
import dev.weft.asyncio.Future;
import dev.weft.asyncio.Task;
import dev.weft.continuations.Suspend;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;

/**
 * A small Redis client on Weft streams: one connection, pipelined. Every command is written at
 * once and its reply future queued; one reader task completes the futures in order, since Redis
 * answers in the order it was asked. So any number of tasks can share the client, and commands
 * sent in one loop iteration travel together.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *   RespClient redis = RespClient.connect("127.0.0.1", 6379);
 *   redis.call("SET", "greeting", "hello");
 *   String v = RespClient.text(redis.call("GET", "greeting"));   // "hello"
 *   redis.close();
 *   return v;
 * });
 * }</pre>
 */
public final class RespClient {
  private final Connection connection;
  private final ArrayDeque<Future<Object>> awaiting = new ArrayDeque<>();
  private final ByteArrayOutputStream encoder = new ByteArrayOutputStream();
  private final Task<Void> replies;
  private RuntimeException lost;

  private RespClient(Connection connection) {
    this.connection = connection;
    this.replies = Asyncio.createTask(Asyncio.async(this::readReplies), "redis-replies");
  }

  /** Connects to a Redis server; on the running loop. */
  public static RespClient connect(String host, int port) throws Suspend {
    return new RespClient(Asyncio.await(Asyncio.openConnection(host, port)));
  }

  /**
   * Sends a command now and returns the future of its reply (see {@link RespCodec} for the types);
   * an error reply completes it with a {@link RedisError}. Loop thread.
   */
  public Future<Object> send(String... args) {
    EventLoop loop = Asyncio.getRunningLoop();
    Future<Object> reply = loop.createFuture();
    if (lost != null) {
      reply.setException(lost);
      return reply;
    }
    encoder.reset();
    RespCodec.encode(encoder, args);
    connection.writer().write(encoder.toByteArray());
    awaiting.add(reply);
    return reply;
  }

  /** {@link #send} and await the reply, waiting for the socket to take the command first if its buffer is full. */
  public Object call(String... args) throws Suspend {
    Future<Object> reply = send(args);
    Asyncio.await(connection.writer().drain());
    return Asyncio.await(reply);
  }

  /** A bulk or simple string reply as text (null stays null). */
  public static String text(Object reply) {
    return reply instanceof byte[] ? new String((byte[]) reply, UTF_8) : (String) reply;
  }

  /** Closes the connection; commands still waiting fail with {@code IllegalStateException}. */
  public void close() {
    replies.cancel();
    connection.writer().close();
    failAll(new IllegalStateException("the Redis client was closed"));
  }

  private Void readReplies() throws Suspend {
    try {
      for (;;) {
        Object reply = RespCodec.read(connection.reader());
        Future<Object> next = awaiting.poll();
        if (next == null) throw new IllegalStateException("a Redis reply nobody asked for: " + reply);
        if (next.done()) continue; // its caller was cancelled; the reply still had to be read
        if (reply instanceof RedisError) next.setException((RedisError) reply);
        else next.setResult(reply);
      }
    } catch (dev.weft.asyncio.CancelledError closed) {
      failAll(new IllegalStateException("the Redis client was closed"));
      throw closed;
    } catch (RuntimeException e) { // the connection is gone (or the stream is not RESP): nothing more will come
      failAll(e);
      return null; // the callers got it
    }
  }

  private void failAll(RuntimeException e) {
    if (lost == null) lost = e;
    for (Future<Object> f; (f = awaiting.poll()) != null; ) {
      if (!f.done()) f.setException(e);
    }
  }
}

package dev.weft.bench.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce's async API, as its users write it: one thread-safe connection shared by every caller
 * (Lettuce pipelines what they send), or one connection each. Asked for one Netty I/O thread and
 * one computation thread, as close to Weft's one loop thread as it goes (Lettuce raises both to
 * its minimum of 2: over one connection only one I/O thread works). Replies complete on the I/O
 * thread, where each caller's next command is sent from.
 */
final class LettuceRedis implements RedisSystem {
  @Override
  public String name() {
    return "Lettuce";
  }

  @Override
  public void run(int port, int connections, RedisWorkload workload) throws Exception {
    ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
    RedisClient client = RedisClient.create(resources, RedisURI.create("127.0.0.1", port));
    List<StatefulRedisConnection<String, String>> open = new ArrayList<>();
    try {
      for (int i = 0; i < connections; i++) open.add(client.connect());
      workload.begin();
      List<CompletableFuture<Void>> callers = new ArrayList<>();
      for (int t = 0; t < workload.tasks; t++) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        callers.add(done);
        loop(open.get(t % connections).async(), RedisWorkload.key(t), workload, done);
      }
      CompletableFuture.allOf(callers.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
    } finally {
      open.forEach(StatefulRedisConnection::close);
      client.shutdown();
      resources.shutdown(0, 1, TimeUnit.SECONDS).get();
    }
  }

  /* A closed loop in callbacks: the next SET is sent when the GET's reply completes. */
  private static void loop(RedisAsyncCommands<String, String> redis, String key, RedisWorkload workload,
      CompletableFuture<Void> done) {
    if (!workload.running()) {
      done.complete(null);
      return;
    }
    redis.set(key, RedisWorkload.VALUE)
        .thenCompose(ok -> {
          workload.replied();
          return redis.get(key);
        })
        .whenComplete((value, failure) -> {
          if (failure != null) {
            done.completeExceptionally(failure);
            return;
          }
          try {
            RedisWorkload.check(value);
          } catch (IllegalStateException wrong) {
            done.completeExceptionally(wrong);
            return;
          }
          workload.replied();
          loop(redis, key, workload, done);
        });
  }
}

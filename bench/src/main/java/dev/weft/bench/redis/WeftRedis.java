package dev.weft.bench.redis;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Task;
import dev.weft.examples.redis.RespClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Weft's RESP client (weft-examples) on one loop thread: the tasks share {@code connections}
 * clients in turn; on one client their commands are pipelined, as RespClient is built to do.
 */
final class WeftRedis implements RedisSystem {
  @Override
  public String name() {
    return "Weft";
  }

  @Override
  public void run(int port, int connections, RedisWorkload workload) {
    Asyncio.run(() -> {
      List<RespClient> clients = new ArrayList<>();
      for (int i = 0; i < connections; i++) clients.add(RespClient.connect("127.0.0.1", port));
      workload.begin();
      List<Task<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < workload.tasks; t++) {
        RespClient redis = clients.get(t % connections);
        String key = RedisWorkload.key(t);
        tasks.add(Asyncio.createTask(Asyncio.async(() -> {
          while (workload.running()) {
            redis.call("SET", key, RedisWorkload.VALUE);
            workload.replied();
            RedisWorkload.check(redis.call("GET", key));
            workload.replied();
          }
          return null;
        })));
      }
      Asyncio.await(Asyncio.gather(tasks.toArray(new Task<?>[0])));
      clients.forEach(RespClient::close);
      return null;
    });
  }
}

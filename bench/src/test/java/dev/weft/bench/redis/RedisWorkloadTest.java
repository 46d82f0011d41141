package dev.weft.bench.redis;

import dev.weft.examples.redis.LocalRedisServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The Redis benchmark's rows mean something only if every client did the workload: this runs
 * each client that is on the class path (Lettuce under {@code -Ppeers} only) for a short window
 * against a real redis-server and checks it completed requests; the clients check every GET.
 */
class RedisWorkloadTest {
  @ParameterizedTest
  @ValueSource(strings = {"dev.weft.bench.redis.WeftRedis", "dev.weft.bench.redis.LettuceRedis"})
  void eachClientCompletesCheckedRequests(String className) throws Exception {
    assumeTrue(Files.isExecutable(LocalRedisServer.BINARY), "no redis-server");
    RedisSystem system;
    try {
      system = (RedisSystem) Class.forName(className).getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException notBuilt) {
      assumeTrue(false, className + " is built with -Ppeers only");
      return;
    }
    try (LocalRedisServer server = new LocalRedisServer()) {
      for (int connections : new int[] {1, 3}) {
        RedisWorkload workload = RedisWorkload.of(10, 0.1, 0.3);
        system.run(server.port, connections, workload);
        assertTrue(workload.requestsPerSecond() > 0, system.name() + " over " + connections + " connection(s)");
      }
    }
  }

  @Test
  void aWrongValueFailsTheRun() {
    RedisWorkload.check(RedisWorkload.VALUE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> RedisWorkload.check("other"));
    assertEquals("GET returned other, not the value SET", e.getMessage());
  }
}

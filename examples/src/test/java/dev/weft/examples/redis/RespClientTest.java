package dev.weft.examples.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Future;
import dev.weft.asyncio.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link RespClient} against a real redis-server started for the test (skipped when it is not installed). */
@Timeout(60)
class RespClientTest {
  static LocalRedisServer redis;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(LocalRedisServer.installed(), "no /usr/bin/redis-server (apt-get install redis-server; .ci/run does): skipped");
    redis = new LocalRedisServer();
  }

  @AfterAll
  static void stop() throws Exception {
    if (redis != null) redis.close();
  }

  @Test
  void replies_ofEveryType_andAnErrorFailsOnlyItsCommand() {
    Asyncio.run(() -> {
      RespClient c = RespClient.connect("127.0.0.1", redis.port);
      assertEquals("OK", c.call("SET", "t:greeting", "hello wörld"));
      assertEquals("hello wörld", RespClient.text(c.call("GET", "t:greeting")));
      assertNull(c.call("GET", "t:absent"));
      assertEquals(3L, c.call("RPUSH", "t:list", "a", "b", "c"));
      assertEquals(List.of("a", "b", "c"), texts(c.call("LRANGE", "t:list", "0", "-1")));
      try { // assertThrows cannot take a lambda that suspends: JUnit's frames are not instrumented
        c.call("INCR", "t:list");
        throw new AssertionError("INCR of a list succeeded");
      } catch (RedisError e) {
        assertTrue(e.getMessage().startsWith("WRONGTYPE"), e.getMessage());
      }
      assertEquals("PONG", c.call("PING")); // the connection is still in step
      c.call("DEL", "t:greeting", "t:list");
      c.close();
      return null;
    });
  }

  @Test
  void hundredTasks_pipeliningOnOneConnection_eachGetsItsOwnReplies() {
    int tasks = 100;
    int perTask = 50;
    long total = Asyncio.run(() -> {
      RespClient c = RespClient.connect("127.0.0.1", redis.port);
      c.call("DEL", "p:counter");
      List<Task<Object>> workers = new ArrayList<>();
      for (int t = 0; t < tasks; t++) {
        int id = t;
        workers.add(Asyncio.createTask(Asyncio.async(() -> {
          List<Future<Object>> sets = new ArrayList<>();
          for (int i = 0; i < perTask; i++) sets.add(c.send("SET", "p:" + id + ":" + i, id + "/" + i)); // one burst
          for (Future<Object> f : sets) assertEquals("OK", Asyncio.await(f));
          for (int i = 0; i < perTask; i++) {
            assertEquals(id + "/" + i, RespClient.text(c.call("GET", "p:" + id + ":" + i)));
            c.call("INCR", "p:counter");
          }
          return null;
        })));
      }
      Asyncio.await(Asyncio.gather(workers.toArray(new Task<?>[0])));
      long counter = Long.parseLong(RespClient.text(c.call("GET", "p:counter")));
      c.close();
      return counter;
    });
    assertEquals((long) tasks * perTask, total);
  }

  @Test
  void theServerGoingAway_failsTheWaitingCommands_ratherThanHangingThem() throws Exception {
    try (LocalRedisServer doomed = new LocalRedisServer()) {
      Asyncio.run(() -> {
        RespClient c = RespClient.connect("127.0.0.1", doomed.port);
        Future<Object> blocked = c.send("BLPOP", "never:filled", "0"); // waits on the server for ever
        Asyncio.await(Asyncio.toThread(() -> {
          doomed.close();
          return null;
        }));
        try {
          Asyncio.await(Asyncio.waitFor(blocked, 10.0));
          throw new AssertionError("BLPOP on a server that went away returned");
        } catch (dev.weft.asyncio.TimeoutError e) {
          throw new AssertionError("the command hung until the timeout", e);
        } catch (RuntimeException expected) {
          // the connection's end, handed to the waiting command
        }
        c.close();
        return null;
      });
    }
  }

  private static List<String> texts(Object reply) {
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) reply) out.add(RespClient.text(o));
    return out;
  }
}

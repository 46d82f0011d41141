package dev.weft.bench.redis;

/** One Redis client under test, driving {@link RedisWorkload} against a server on loopback. */
interface RedisSystem {
  /** The report's system name. */
  String name();

  /** Runs the workload to its end over {@code connections} connections (1: all tasks share one). */
  void run(int port, int connections, RedisWorkload workload) throws Exception;
}

package dev.weft.bench.report;

import java.util.List;

/**
 * The table of the report: each workload, and where each system's number for it comes from. A
 * JMH key is {@code Class.method[param=value]}; a null key means the tab-separated sources
 * (CPython peers, heap probes). The first cell of a row is Weft's, which ratios are taken to.
 */
final class Workloads {
  record Cell(String system, String key) {}

  record Row(String workload, String unit, List<Cell> cells) {}

  private Workloads() {}

  static final String WEFT = "Weft";

  static final List<Row> ROWS = List.of(
      row("continuation yield+resume, depth 1 (stay)", "ns/op",
          jmh(WEFT, "SuspendBenchmark.stay[depth=1]"), jmh("Loom Continuation", "LoomSuspendBenchmark.stay[depth=1]"),
          jmh("JavaFlow", "JavaflowBenchmark.stay[depth=1]"),
          jmh("hand-written iterator", "SuspendBenchmark.handWrittenIterator[depth=1]")),
      row("continuation yield+resume, depth 10 (stay)", "ns/op",
          jmh(WEFT, "SuspendBenchmark.stay[depth=10]"), jmh("Loom Continuation", "LoomSuspendBenchmark.stay[depth=10]"),
          jmh("JavaFlow", "JavaflowBenchmark.stay[depth=10]")),
      row("continuation yield+resume, depth 50 (stay)", "ns/op",
          jmh(WEFT, "SuspendBenchmark.stay[depth=50]"), jmh("Loom Continuation", "LoomSuspendBenchmark.stay[depth=50]"),
          jmh("JavaFlow", "JavaflowBenchmark.stay[depth=50]")),
      row("continuation redescend, depth 10", "ns/op",
          jmh(WEFT, "SuspendBenchmark.redescend[depth=10]"), jmh("Loom Continuation", "LoomSuspendBenchmark.redescend[depth=10]")),
      row("continuation redescend, depth 50", "ns/op",
          jmh(WEFT, "SuspendBenchmark.redescend[depth=50]"), jmh("Loom Continuation", "LoomSuspendBenchmark.redescend[depth=50]")),
      row("continuation resume, 8 classes in turn (megamorphic entry)", "ns/op",
          jmh(WEFT, "MegamorphicResumeBenchmark.eightClasses"),
          jmh("Weft, one class", "MegamorphicResumeBenchmark.oneClass")),
      row("instrumented method, not suspending", "ns/op",
          jmh(WEFT, "NotSuspendingBenchmark.instrumented"), jmh("plain Java", "NotSuspendingBenchmark.plain")),
      row("generator next, depth 1", "ns/op",
          jmh(WEFT, "GeneratorBenchmark.next[depth=1]"), other("CPython"),
          jmh("hand-written iterator", "GeneratorBenchmark.handWrittenIterator[depth=1]"),
          jmh("Stream.iterate", "GeneratorBenchmark.streamIterate[depth=1]"),
          jmh("Kotlin sequence", "KotlinSequenceBenchmark.next[depth=1]")),
      row("generator next, depth 10", "ns/op", jmh(WEFT, "GeneratorBenchmark.next[depth=10]"), other("CPython"),
          jmh("Kotlin sequence", "KotlinSequenceBenchmark.next[depth=10]")),
      row("generator next, depth 50", "ns/op", jmh(WEFT, "GeneratorBenchmark.next[depth=50]"), other("CPython"),
          jmh("Kotlin sequence", "KotlinSequenceBenchmark.next[depth=50]")),
      row("generator next through 100 yieldFrom", "ns/op", jmh(WEFT, "GeneratorBenchmark.next[depth=100]"), other("CPython"),
          jmh("Kotlin sequence", "KotlinSequenceBenchmark.next[depth=100]")),
      row("generator send", "ns/op", jmh(WEFT, "GeneratorBenchmark.send[depth=1]"), other("CPython")),
      row("greenlet switch round trip", "ns/op",
          jmh(WEFT, "GreenletBenchmark.switchRoundTrip"), other("CPython greenlet"),
          jmh("virtual threads (park/unpark)", "ThreadHandoffBenchmark.virtualParkUnpark"),
          jmh("virtual threads (SynchronousQueue)", "ThreadHandoffBenchmark.virtualSynchronousQueue"),
          jmh("platform threads (park/unpark)", "ThreadHandoffBenchmark.platformParkUnpark"),
          jmh("Kotlin Channel", "KotlinCoroutineBenchmark.channelPingPong")),
      row("greenlet create+finish", "ns/op", jmh(WEFT, "GreenletBenchmark.createAndFinish")),
      row("task create+sleep(0)+finish", "ns/op",
          jmh(WEFT, "AsyncioBenchmark.spawnSleep0"), other("CPython asyncio"), other("uvloop"),
          jmh("Kotlin launch{yield()}", "KotlinCoroutineBenchmark.launchYield"),
          jmh("virtual threads (start, yield, join)", "VirtualThreadTaskBenchmark.spawnYield"),
          jmh("CompletableFuture (runAsync+thenRunAsync)", "CompletableFutureBenchmark.spawnHop")),
      row("await sleep(0)", "ns/op", jmh(WEFT, "AsyncioBenchmark.awaitSleep0"), other("CPython asyncio"), other("uvloop"),
          jmh("virtual threads (Thread.yield)", "VirtualThreadTaskBenchmark.yieldOnce"),
          jmh("CompletableFuture (thenRunAsync hop)", "CompletableFutureBenchmark.hop")),
      row("future resolved by another task", "ns/op", jmh(WEFT, "AsyncioBenchmark.futureHandoff"), other("CPython asyncio"),
          other("uvloop"), jmh("virtual threads (CompletableFuture.join)", "VirtualThreadTaskBenchmark.handoff")),
      row("mix: 3-stage generator pipeline, per element", "ns/op",
          jmh(WEFT, "RealisticMixBenchmark.pipeline"), other("CPython"),
          jmh("Java Stream", "RealisticMixBenchmark.streamPipeline")),
      row("mix: handler awaiting 2 futures + sleep(0), spawn to result", "ns/op",
          jmh(WEFT, "RealisticMixBenchmark.handler"), other("CPython asyncio"), other("uvloop")),
      row("1M concurrently sleeping tasks: wall time", "s", other(WEFT), other("virtual threads"), other("CPython asyncio"),
          other("uvloop")),
      row("1M concurrently sleeping tasks: heap", "MB", other(WEFT), other("virtual threads"), other("CPython asyncio"),
          other("uvloop")),
      row("retained bytes per sleeping task, coroutine depth 1", "bytes", other(WEFT), other("virtual threads"),
          other("CPython asyncio")),
      row("retained bytes per sleeping task, coroutine depth 10", "bytes", other(WEFT), other("virtual threads"),
          other("CPython asyncio")),
      row("retained bytes per suspended continuation, depth 1", "bytes", other(WEFT)),
      row("retained bytes per suspended continuation, depth 10", "bytes", other(WEFT)),
      row("retained bytes per suspended greenlet", "bytes", other(WEFT)),
      echo("TCP echo 64 B, 100 connections: time per message (1/throughput)", "ns/msg"),
      echo("TCP echo 64 B, 100 connections: p99 round trip", "us"),
      echo("TCP echo 4 KB, 100 connections: time per message (1/throughput)", "ns/msg"),
      echo("TCP echo 4 KB, 100 connections: p99 round trip", "us"),
      redis("Redis SET+GET 16 B, 100 tasks, 1 connection: time per request (1/throughput)"),
      redis("Redis SET+GET 16 B, 100 tasks, 100 connections: time per request (1/throughput)"));

  /* The echo benchmark's rows: dev.weft.bench.echo.EchoBenchmark and bench/python/echo.py print them. */
  private static Row echo(String workload, String unit) {
    return row(workload, unit, other(WEFT), other("Netty NIO"), other("virtual threads (blocking)"),
        other("CPython asyncio"), other("uvloop"));
  }

  /* The Redis benchmark's rows: dev.weft.bench.redis.RedisBenchmark prints them, bench/python/redis_bench.py redis-py's. */
  private static Row redis(String workload) {
    return row(workload, "ns/req", other(WEFT), other("Lettuce"), other("redis-py (asyncio)"), other("redis-py (uvloop)"));
  }

  private static Row row(String workload, String unit, Cell... cells) {
    return new Row(workload, unit, List.of(cells));
  }

  private static Cell jmh(String system, String key) {
    return new Cell(system, key);
  }

  private static Cell other(String system) {
    return new Cell(system, null);
  }
}

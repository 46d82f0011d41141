package dev.weft.examples;

import java.lang.reflect.Method;
import java.util.List;

/** Runs every example of every layer, in order, each under a heading. */
public final class Demo {
  static final List<String> EXAMPLES = List.of(
      "dev.weft.examples.continuations.Ticker",
      "dev.weft.examples.generators.ClassicDelegation",
      "dev.weft.examples.generators.InfiniteStream",
      "dev.weft.examples.generators.TreeWalk",
      "dev.weft.examples.generators.Accumulator",
      "dev.weft.examples.greenlet.ClassicSwitch",
      "dev.weft.examples.greenlet.ProducerConsumer",
      "dev.weft.examples.greenlet.RoundRobin",
      "dev.weft.examples.asyncio.HelloWorld",
      "dev.weft.examples.asyncio.AwaitInSequence",
      "dev.weft.examples.asyncio.OverlappingTasks",
      "dev.weft.examples.asyncio.NamedWait",
      "dev.weft.examples.asyncio.WaitOnCoroutines",
      "dev.weft.examples.asyncio.RunUntilComplete",
      "dev.weft.examples.asyncio.GeneratorCoroutine",
      "dev.weft.examples.asyncio.GreenletBridge",
      "dev.weft.examples.asyncio.EchoClient",
      "dev.weft.examples.asyncio.ConcurrentFetcher",
      "dev.weft.examples.asyncio.AsyncFor",
      "dev.weft.examples.asyncio.EagerTasks",
      "dev.weft.examples.asyncio.PipeReader",
      "dev.weft.examples.asyncio.SubprocessOutput",
      "dev.weft.examples.asyncio.UdpPingPong",
      "dev.weft.examples.asyncio.ProtocolEcho",
      "dev.weft.examples.asyncio.UnixSocketEcho");

  private Demo() {}

  public static void main(String[] args) throws Exception {
    for (String name : EXAMPLES) {
      System.out.println();
      System.out.println("=== " + name.substring("dev.weft.examples.".length()) + " ===");
      Method main = Class.forName(name).getMethod("main", String[].class);
      main.invoke(null, (Object) new String[0]);
    }
  }
}

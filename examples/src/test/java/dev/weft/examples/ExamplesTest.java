package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every example of the demo runs, and prints what its javadoc promises. */
@Timeout(60)
class ExamplesTest {
  /** A line each example must print. */
  static final Map<String, String> EXPECTED = Map.ofEntries(
      Map.entry("dev.weft.examples.continuations.Ticker", "tick 0\nmain\ntick 1\nmain\ntick 2\nmain\ndone"),
      Map.entry("dev.weft.examples.generators.ClassicDelegation", "1 3 4 2"),
      Map.entry("dev.weft.examples.generators.InfiniteStream", "[0, 1, 1, 2, 3, 5, 8, 13, 21, 34]\nfibonacci closed after 34"),
      Map.entry("dev.weft.examples.generators.TreeWalk", "sum over a 1,000-level tree: 499500"),
      Map.entry("dev.weft.examples.generators.Accumulator", "sent 40.0, average 25.0\naveraged 4 values"),
      Map.entry("dev.weft.examples.greenlet.ClassicSwitch", "12\n56\n34\n"),
      Map.entry("dev.weft.examples.greenlet.ProducerConsumer",
          "produced apple\nconsumed apple\nproduced bread\nconsumed bread\nproduced cheese\nconsumed cheese\nconsumer finished: 3 items"),
      Map.entry("dev.weft.examples.greenlet.RoundRobin",
          "a step 1\nb step 1\nc step 1\na step 2\nb finished\nc step 2\na step 3\nc finished\na finished"));

  @Test
  void everyDemoExample_runsAndPrintsWhatItPromises() throws Exception {
    for (String name : Demo.EXAMPLES) {
      if (name.startsWith("dev.weft.examples.asyncio.")) continue; // AsyncioExamplesTest checks those
      String out = run(name);
      String expected = EXPECTED.get(name);
      assertTrue(expected != null, "no expectation for " + name);
      assertTrue(out.replace("\r", "").contains(expected), name + " printed:\n" + out);
    }
  }

  static String run(String className) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      Method main = Class.forName(className).getMethod("main", String[].class);
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(saved);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}

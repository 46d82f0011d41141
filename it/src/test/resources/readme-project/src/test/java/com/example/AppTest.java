package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.asyncio.Asyncio;
import dev.weft.continuations.Suspend;
import dev.weft.generators.Generator;
import dev.weft.junit.AsyncioTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppTest {
  @Test
  void squares() {
    List<Integer> got = new ArrayList<>();
    for (int v : App.squares(4)) got.add(v);
    assertEquals(List.of(0, 1, 4, 9), got);
  }

  @Test
  void aGeneratorWrittenInTheTest() {
    Generator<String, Object, Void> g = Generator.of(y -> { y.yield("a"); y.yield("b"); });
    assertEquals(List.of("a", "b"), g.stream().toList());
  }

  @Test
  void pingPong() throws Suspend {
    assertEquals(List.of("a1", "b1", "a2"), App.pingPong());
  }

  @Test
  void asyncio() {
    assertEquals("hello test", Asyncio.run(() -> App.greet(0.0, "test")));
  }

  @AsyncioTest(virtualTime = true)
  void asyncioTest_onVirtualTime() throws Suspend {
    assertEquals("hello virtual", App.greet(30.0, "virtual"));
    assertEquals(30.0, Asyncio.getRunningLoop().time());
  }
}

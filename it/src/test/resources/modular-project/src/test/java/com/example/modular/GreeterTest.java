package com.example.modular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.asyncio.Asyncio;
import dev.weft.continuations.Suspend;
import dev.weft.generators.Generator;
import dev.weft.junit.AsyncioTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs inside module com.example.modular (surefire patches the test classes into it). */
class GreeterTest {
  @Test
  void runsOnTheModulePath() {
    assertTrue(GreeterTest.class.getModule().isNamed(), "not on the module path: " + GreeterTest.class.getModule());
    assertEquals("com.example.modular", GreeterTest.class.getModule().getName());
  }

  /** The test classes share the main classes' package at run time too. */
  @Test
  void callsAPackagePrivateMethodOfTheMainClasses() {
    assertEquals("package-private", Greeter.secret());
  }

  @AsyncioTest(virtualTime = true)
  void asyncioTest_onVirtualTime() throws Suspend {
    assertEquals("hello virtual", Greeter.greet(30.0, "virtual"));
    assertEquals(30.0, Asyncio.getRunningLoop().time());
  }

  @AsyncioTest
  void asyncioTest_awaitsASuspendingLambdaOfTheTestClass() throws Suspend {
    String got = Asyncio.await(Asyncio.async(() -> {
      Asyncio.await(Asyncio.sleep(0));
      return Greeter.greet(0.0, "lambda");
    }));
    assertEquals("hello lambda", got);
  }

  @Test
  void aGeneratorWrittenInTheTest() {
    Generator<String, Object, Void> g = Generator.of(y -> { y.yield("a"); y.yield("b"); });
    assertEquals(List.of("a", "b"), g.stream().toList());
  }

  @Test
  void asyncioRun_ofASuspendingLambda() {
    assertEquals("hello run", Asyncio.run(() -> Greeter.greet(0.0, "run")));
  }
}

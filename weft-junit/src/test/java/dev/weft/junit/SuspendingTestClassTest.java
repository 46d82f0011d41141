package dev.weft.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.internal.abi.Instrumented;
import dev.weft.generators.Generator;
import dev.weft.junit.internal.InstallWeft;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A test class that suspends, in its own methods and lambdas, with nothing but weft-junit on the
 * class path: this module has no build plugin, and surefire no agent or argLine.
 */
class SuspendingTestClassTest {
  static final ContinuationScope SCOPE = new ContinuationScope("test");

  static void ticks(List<Integer> log, int n) throws Suspend {
    for (int i = 0; i < n; i++) {
      log.add(i);
      Continuation.suspend(SCOPE);
    }
  }

  @Test
  void theListenerInstalledWeft_beforeThisClassWasLoaded() {
    assertTrue(InstallWeft.ranAtSessionOpen());
    assertTrue(getClass().isAnnotationPresent(Instrumented.class), getClass() + " was loaded uninstrumented");
  }

  @Test
  void aGeneratorLambdaInTheTest_yields() {
    Generator<String, Object, Void> g = Generator.of(y -> {
      y.yield("a");
      y.yield("b");
    });
    assertEquals(List.of("a", "b"), g.stream().toList());
  }

  @Test
  void aContinuationOverTheTestsOwnMethod_suspends() {
    List<Integer> log = new ArrayList<>();
    Continuation k = new Continuation(SCOPE, () -> ticks(log, 3));
    int runs = 0;
    while (!k.isDone()) {
      k.run();
      runs++;
    }
    assertEquals(List.of(0, 1, 2), log);
    assertEquals(4, runs);
  }
}

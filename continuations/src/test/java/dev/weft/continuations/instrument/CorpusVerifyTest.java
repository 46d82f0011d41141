package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A sample of every corpus jar ({@link Corpus}), about 120 classes each, instrumented with every
 * method suspendable and every call a suspension point: zero complaints from ASM's verifier, and
 * every instrumented class defined and linked in a fresh loader. {@link CorpusFullTest} runs every
 * class of every jar.
 */
class CorpusVerifyTest {
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.weft.continuations.instrument.Corpus#probes")
  void sampleOfJar_instrumentedWithEveryMethodSuspendable_verifiesAndLinks(String probe) throws Exception {
    check(CorpusRun.of(probe, 120), 20);
  }

  /** Asserts no failures and that the jar exercised the instrumenter at all. */
  static void check(CorpusRun run, int minimumInstrumented) {
    System.out.println(run);
    run.missingDependencies.stream().limit(3).forEach(m -> System.out.println("  not linked, optional dependency absent: " + m));
    assertTrue(run.instrumented >= minimumInstrumented, "expected most classes to need instrumentation: " + run);
    assertEquals(List.of(), run.failures.subList(0, Math.min(10, run.failures.size())), run.toString());
    assertTrue(run.loaded >= run.instrumented * 9 / 10, "too few classes linked: " + run);
  }
}

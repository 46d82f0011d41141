package dev.weft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.bench.continuations.MegamorphicResumeBenchmark;
import dev.weft.bench.mix.RealisticMixBenchmark;
import org.junit.jupiter.api.Test;

/** The realistic-mix and megamorphic rows do the work they claim, the same as their peers. */
class MixWorkTest {
  @Test
  void pipeline_sumsWhatTheStreamSums() {
    RealisticMixBenchmark b = new RealisticMixBenchmark();
    long expected = 0;
    for (int x = 0; x < RealisticMixBenchmark.N; x++) if (x * 3 % 2 == 0) expected += x * 3;
    assertEquals(expected, b.pipeline());
    assertEquals(expected, b.streamPipeline());
    assertEquals(expected, b.pipeline(), "a second run starts a fresh pipeline");
  }

  @Test
  void handler_everyHandlerAwaitsBothFuturesAndTheSleep() {
    assertEquals(3L * RealisticMixBenchmark.N, new RealisticMixBenchmark().handler());
  }

  @Test
  void megamorphic_eachOpResumesTheNextContinuationInTurn() {
    MegamorphicResumeBenchmark b = new MegamorphicResumeBenchmark();
    b.setup();
    for (int round = 1; round <= 3; round++) {
      for (int i = 0; i < 8; i++) assertEquals(i + round, b.eightClasses(), "class C" + i + ", round " + round);
    }
    MegamorphicResumeBenchmark one = new MegamorphicResumeBenchmark();
    one.setup();
    for (int round = 1; round <= 3; round++) {
      for (int i = 0; i < 8; i++) assertEquals(round, one.oneClass());
    }
  }
}

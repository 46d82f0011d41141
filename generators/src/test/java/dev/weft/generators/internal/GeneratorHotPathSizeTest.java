package dev.weft.generators.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testing.ClassFileMethods;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code next()} and {@code send()} run for every value must stay small enough, as built
 * (instrumented), for C2 to inline it: over FreqInlineSize each is an out-of-line call per value.
 * {@code resume} was 334 bytecodes with the delegation loop inline, and was not inlined into
 * {@code next()}; a timing test would not have noticed.
 */
class GeneratorHotPathSizeTest {
  @Test
  void perValueMethodsFitC2sInliningLimit() throws IOException {
    ClassFileMethods core = ClassFileMethods.of(GeneratorCore.class);
    for (String method : List.of("next", "send", "resume", "step")) {
      int size = core.codeLength(method);
      assertTrue(size <= ClassFileMethods.FREQ_INLINE_SIZE,
          "GeneratorCore." + method + " is " + size + " bytecodes, over FreqInlineSize (" + ClassFileMethods.FREQ_INLINE_SIZE + ")");
    }
  }
}

package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testing.InstrumentedClasses;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every class the build plugin transformed in this module's tests passes ASM's CheckClassAdapter. */
class InstrumentedTestClassesVerifyTest {
  @Test
  void everyInstrumentedTestClass_verifies() {
    InstrumentedClasses.Report report = InstrumentedClasses.verifyAll(InstrumentedTestClassesVerifyTest.class);
    assertTrue(report.checked() >= 5, "expected the build plugin to have instrumented the test fixtures, found " + report.checked());
    assertEquals(List.of(), report.failures());
  }
}

package dev.weft.greenlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testing.InstrumentedClasses;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every class the build plugin transformed in this module, main and test, passes CheckClassAdapter. */
class GreenletInstrumentationVerifyTest {
  @Test
  void everyInstrumentedClass_verifies() {
    for (Class<?> anchor : List.of(Greenlet.class, GreenletInstrumentationVerifyTest.class)) {
      InstrumentedClasses.Report report = InstrumentedClasses.verifyAll(anchor);
      assertTrue(report.checked() > 0, "nothing instrumented next to " + anchor);
      assertEquals(List.of(), report.failures());
    }
  }
}

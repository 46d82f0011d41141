package dev.weft.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.instrument.Weft;
import dev.weft.continuations.internal.abi.Instrumented;
import dev.weft.generators.Generator;
import dev.weft.junit.internal.InstallWeft;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The session listener runs before the test classes JUnit runs are loaded. Surefire loads the
 * first test class itself before it opens the session: that one class (whichever surefire scans
 * first; every class of this module suspends) is reported as loaded too early, and the copy JUnit
 * runs comes from weft-junit's reloading class loader, instrumented.
 */
class InstallWeftTest {
  static int one() {
    return Generator.<Integer>of(y -> y.yield(1)).next();
  }

  @Test
  void weftIsInstalled_andThisClassIsInstrumented() {
    assertTrue(Weft.isInstalled());
    assertTrue(InstallWeft.ranAtSessionOpen());
    assertTrue(getClass().isAnnotationPresent(Instrumented.class), getClass() + " was loaded uninstrumented; early "
        + InstallWeft.loadedTooEarly() + " loader " + getClass().getClassLoader() + " tccl " + Thread.currentThread().getContextClassLoader()
        + " system " + ClassLoader.getSystemClassLoader());
    assertEquals(1, one());
  }

  @Test
  void atMostOneClassWasLoadedTooEarly_andItRunsFromAFreshLoader() {
    List<String> early = InstallWeft.loadedTooEarly();
    assertTrue(early.size() <= 1, "loaded before the session opened: " + early);
    if (System.getProperty("surefire.test.class.path") != null || System.getProperty("surefire.real.class.path") != null) {
      assertEquals(1, early.size(), "surefire loads its first test class before the session: the reloading path must have run");
    }
    if (!early.isEmpty()) {
      assertNotSame(ClassLoader.getSystemClassLoader(), getClass().getClassLoader());
      assertEquals("weft-junit", getClass().getClassLoader().getName());
    }
  }
}

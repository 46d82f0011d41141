package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.instrument.internal.TestSelections;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Suspension injected before every call of real algorithms (sorting, parsing, recursion with
 * exceptions and finally blocks, collections, every primitive type): the results must be exactly
 * those of the same code run without instrumentation.
 */
class InjectionTest {
  @Test
  void algorithms_suspendedBeforeEveryCall_computeTheSameResults() throws Exception {
    Map<String, byte[]> plain = ClassFiles.compile("fx.Algorithms", source("/fixtures/Algorithms.java"));
    String expected = run(ClassFiles.childFirst(plain));

    Map<String, byte[]> injected = ClassFiles.instrument(plain, TestSelections.INJECT);
    ClassLoader loader = ClassFiles.childFirst(injected);
    for (byte[] b : injected.values()) assertEquals("", ClassFiles.verify(b, loader));
    Callable<String> algorithms = newInstance(loader);
    long suspensions = ClassFiles.runInjected((Runnable) algorithms);
    assertEquals(expected, algorithms.getClass().getField("result").get(algorithms));
    assertTrue(suspensions > 1_000, "only " + suspensions + " suspensions were injected");
  }

  private static String run(ClassLoader loader) throws Exception {
    return newInstance(loader).call();
  }

  @SuppressWarnings("unchecked")
  private static Callable<String> newInstance(ClassLoader loader) throws Exception {
    return (Callable<String>) loader.loadClass("fx.Algorithms").getDeclaredConstructor().newInstance();
  }

  private static String source(String resource) {
    try (InputStream in = InjectionTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

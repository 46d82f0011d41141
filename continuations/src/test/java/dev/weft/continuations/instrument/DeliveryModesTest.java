package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.continuations.instrument.internal.Selection;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** SEMANTICS C18: the instrumenter run in-process gives the shared suite's transcript. */
class DeliveryModesTest {
  @Test
  void suite_instrumentedInProcess_producesTranscript() throws Exception {
    Map<String, byte[]> classes = ClassFiles.instrument(DeliveryModes.compileSuite(), Selection.DECLARED);
    ClassLoader loader = ClassFiles.childFirst(classes);
    for (byte[] b : classes.values()) assertEquals("", ClassFiles.verify(b, loader));
    @SuppressWarnings("unchecked")
    Callable<String> suite = (Callable<String>) loader.loadClass("fx.Suite").getDeclaredConstructor().newInstance();
    assertEquals(DeliveryModes.TRANSCRIPT, suite.call());
  }
}

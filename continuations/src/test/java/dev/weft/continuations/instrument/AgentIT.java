package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEMANTICS C18: the packaged jar as {@code -javaagent}, and {@code Weft.install()} self-attach,
 * each in a fresh JVM running the uninstrumented suite.
 */
class AgentIT {
  @Test
  void suite_underJavaAgent_producesTranscript(@TempDir Path dir) throws Exception {
    String jar = System.getProperty("weft.agent.jar");
    assertNotNull(jar, "failsafe must pass -Dweft.agent.jar");
    Path classes = DeliveryModes.write(DeliveryModes.compileSuite(), dir);
    String out = DeliveryModes.runJava(List.of("-javaagent:" + jar), classes, DeliveryModes.Main.class.getName());
    assertTrue(out.contains("TRANSCRIPT " + DeliveryModes.TRANSCRIPT), out);
  }

  @Test
  void suite_afterSelfAttach_producesTranscript(@TempDir Path dir) throws Exception {
    Path classes = DeliveryModes.write(DeliveryModes.compileSuite(), dir);
    String out = DeliveryModes.runJava(List.of("-Dweft.selfAttach=true"), classes, DeliveryModes.Main.class.getName());
    assertTrue(out.contains("TRANSCRIPT " + DeliveryModes.TRANSCRIPT), out);
  }

  @Test
  void suite_withoutInstrumentation_isRefusedNamingTheClass(@TempDir Path dir) throws Exception {
    Path classes = DeliveryModes.write(DeliveryModes.compileSuite(), dir);
    AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> DeliveryModes.runJava(List.of(), classes, DeliveryModes.Main.class.getName()));
    assertTrue(e.getMessage().contains("class not instrumented"), e.getMessage());
    assertTrue(e.getMessage().contains("fx.Suite"), e.getMessage());
  }
}

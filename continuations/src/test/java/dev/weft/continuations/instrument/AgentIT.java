package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
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

  // Issue 15: without ASM the agent used to instrument nothing and say nothing
  @Test
  void agent_withoutAsmOnTheClassPath_stopsTheJvmAtStartNamingTheJars(@TempDir Path dir) throws Exception {
    String jar = System.getProperty("weft.agent.jar");
    assertNotNull(jar, "failsafe must pass -Dweft.agent.jar");
    String classPath = DeliveryModes.write(DeliveryModes.compileSuite(), dir) + File.pathSeparator
        + DeliveryModes.testClassPathWithout("/org/ow2/asm/");
    AssertionError e = assertThrows(AssertionError.class,
        () -> DeliveryModes.runJava(List.of("-javaagent:" + jar), classPath, DeliveryModes.Main.class.getName()));
    String m = e.getMessage();
    assertTrue(m.contains("Weft's agent cannot instrument anything"), m);
    assertTrue(m.contains("org.ow2.asm:asm (") && m.contains("org.ow2.asm:asm-tree") && m.contains("org.ow2.asm:asm-analysis")
        && m.contains("org.ow2.asm:asm-commons"), m);
    assertFalse(m.contains("net.bytebuddy:byte-buddy"), m);
    assertFalse(m.contains("TRANSCRIPT"), m);
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
    AssertionError e = assertThrows(AssertionError.class,
        () -> DeliveryModes.runJava(List.of(), classes, DeliveryModes.Main.class.getName()));
    assertTrue(e.getMessage().contains("class not instrumented"), e.getMessage());
    assertTrue(e.getMessage().contains("fx.Suite"), e.getMessage());
    // Issue 15: the usual cause (run before the plugin's pass, or from an IDE) is named as such
    assertTrue(e.getMessage().contains("fx.Suite was compiled but not instrumented yet"), e.getMessage());
    assertTrue(e.getMessage().contains("bind the plugin's transform goal to the compile phase"), e.getMessage());
  }

  // Issue 15: Weft.install() called after the class that suspends was loaded
  @Test
  void suite_loadedBeforeSelfAttach_isRefusedAsInstalledTooLate(@TempDir Path dir) throws Exception {
    Path classes = DeliveryModes.write(DeliveryModes.compileSuite(), dir);
    AssertionError e = assertThrows(AssertionError.class,
        () -> DeliveryModes.runJava(List.of("-Dweft.lateInstall=true"), classes, DeliveryModes.Main.class.getName()));
    assertTrue(e.getMessage().contains("installed too late: fx.Suite was loaded before Weft.install()"), e.getMessage());
    assertTrue(e.getMessage().contains("move the suspending code into another class"), e.getMessage());
  }

  // Issue 15: the one-liner for self-attach from the class that holds main
  @Test
  void launch_fromMainOfTheSuspendingClass_runsMainAgainInstrumented(@TempDir Path dir) throws Exception {
    Path classes = DeliveryModes.write(DeliveryModes.compileFixture("fx.LaunchApp", "/fixtures/LaunchApp.java"), dir);
    String out = DeliveryModes.runJava(List.of(), classes, "fx.LaunchApp", "x", "y");
    assertTrue(out.contains("RESULT a|b args=x,y loader=weft-launch context=weft-launch"), out);
    assertTrue(out.contains("LAUNCHER RETURNED"), out);
    assertTrue(out.indexOf("RESULT") < out.indexOf("LAUNCHER RETURNED"), out);
  }

  @Test
  void launch_whenRelaunchedMainThrows_theSameExceptionLeavesTheOuterMain(@TempDir Path dir) throws Exception {
    Path classes = DeliveryModes.write(DeliveryModes.compileFixture("fx.LaunchApp", "/fixtures/LaunchApp.java"), dir);
    AssertionError e = assertThrows(AssertionError.class,
        () -> DeliveryModes.runJava(List.of(), classes, "fx.LaunchApp", "fail"));
    String m = e.getMessage();
    assertTrue(m.contains("RESULT a|b args=fail"), m);
    assertTrue(m.contains("Exception in thread \"main\" java.io.IOException: boom from main"), m);
    assertFalse(m.contains("LAUNCHER RETURNED"), m);
  }
}

package dev.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.app.AgentApp;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent as the README gives it: {@code java -javaagent:weft-agent-<v>.jar -cp
 * app:<weft API jars> Main}, with no Byte Buddy or ASM on the class path, in a fresh JVM.
 */
class AgentJarIT {
  static String prop(String name) {
    String v = System.getProperty(name);
    assertTrue(v != null && !v.isEmpty() && !v.startsWith("${"), "failsafe must pass -D" + name + " (got " + v + ")");
    return v;
  }

  static String classPath() {
    return String.join(File.pathSeparator, prop("weft.app.classes"), prop("weft.continuations.jar"), prop("weft.generators.jar"));
  }

  static Result java(List<String> jvmArgs) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-cp", classPath(), AgentApp.class.getName()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Result(p.exitValue(), String.join(" ", cmd) + "\n" + out);
  }

  record Result(int exit, String out) {}

  @Test
  void agentJar_instrumentsTheApplication_withNothingElseOnTheClassPath() throws Exception {
    Result r = java(List.of("-javaagent:" + prop("weft.agent.jar")));
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("absent net.bytebuddy.ByteBuddy"), r.out());
    assertTrue(r.out().contains("absent org.objectweb.asm.ClassReader"), r.out());
    assertTrue(r.out().contains("countdown [3, 2, 1]"), r.out());
  }

  @Test
  void withoutTheAgent_theSameCommandIsRefused() throws Exception {
    Result r = java(List.of());
    assertTrue(r.exit() != 0, r.out());
    assertTrue(r.out().contains("AgentApp"), r.out());
  }

  /**
   * Byte Buddy and ASM are inside, relocated: nothing outside dev/weft/ and META-INF/ but
   * byte-buddy-agent's Windows attach libraries (resources, used only by self-attach on Windows).
   */
  @Test
  void agentJar_holdsOnlyRelocatedClasses_andNamesItsPremainClass() throws Exception {
    Path jar = Paths.get(prop("weft.agent.jar"));
    assertTrue(Files.isRegularFile(jar), jar.toString());
    try (JarFile f = new JarFile(jar.toFile())) {
      List<String> foreign = f.stream().map(e -> e.getName())
          .filter(n -> !n.startsWith("dev/") && !n.startsWith("META-INF/") && !n.startsWith("win32-")).collect(Collectors.toList());
      assertEquals(List.of(), foreign);
      assertTrue(f.getEntry("dev/weft/agent/shaded/bytebuddy/ByteBuddy.class") != null);
      assertTrue(f.getEntry("dev/weft/agent/shaded/asm/ClassReader.class") != null);
      Manifest m = f.getManifest();
      String premain = m.getMainAttributes().getValue("Premain-Class");
      assertEquals("dev.weft.agent.instrument.WeftAgent", premain);
      assertTrue(f.getEntry(premain.replace('.', '/') + ".class") != null, premain);
    }
  }
}

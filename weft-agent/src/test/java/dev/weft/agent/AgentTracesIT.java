package dev.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.app.TraceFixtures;
import dev.weft.testing.SourceLines;
import java.io.File;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: the trace fixtures hold under load-time instrumentation too. {@link TraceFixtures},
 * compiled by javac only, runs in a fresh JVM with the packaged agent and Weft's API jars; each
 * fixture's trace must name the same frames, at the same call-site lines, as under the build
 * plugin (asyncio-compat's TracesTest), with no runtime frame.
 */
class AgentTracesIT {
  private static Map<String, String> fixtures;
  private static String out;

  static int line(String marker) {
    return SourceLines.of(java.nio.file.Path.of(AgentJarIT.prop("weft.test.sources")), TraceFixtures.class, marker);
  }

  static String at(String method, String marker) {
    return "TraceFixtures." + method + ":" + line(marker);
  }

  @BeforeAll
  static void runTheFixturesUnderTheAgent() throws Exception {
    out = runFixtures();
    fixtures = new LinkedHashMap<>();
    for (String l : out.split("\\R")) {
      if (l.startsWith("FIXTURE ")) {
        String[] parts = l.split(" ", 3);
        fixtures.put(parts[1], parts.length > 2 ? parts[2] : "");
      }
    }
  }

  static String runFixtures(String... jvmArgs) throws Exception {
    String classPath = String.join(File.pathSeparator, AgentJarIT.prop("weft.app.classes"), AgentJarIT.prop("weft.continuations.jar"),
        AgentJarIT.prop("weft.generators.jar"), AgentJarIT.prop("weft.greenlet.jar"), AgentJarIT.prop("weft.asyncio.jar"));
    List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-javaagent:" + AgentJarIT.prop("weft.agent.jar")));
    cmd.addAll(List.of(jvmArgs));
    cmd.addAll(List.of("-cp", classPath, TraceFixtures.class.getName()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("child JVM did not finish:\n" + text);
    }
    assertEquals(0, p.exitValue(), text);
    return text;
  }

  // The switch that keeps the runtime's frames, for debugging Weft itself.
  @Test
  void withTracesFull_theRuntimeFramesAreKept() throws Exception {
    String full = runFixtures("-Dweft.traces=full");
    assertTrue(full.contains("RUNTIME direct dev.weft.agent.app.TraceFixtures.parseConfig$weft0("), full); // the resume copy, unrenamed
    assertTrue(full.contains("RUNTIME direct dev.weft.asyncio.Task.step("), full);
    assertTrue(full.contains("RUNTIME greenlet dev.weft.agent.app.TraceFixtures.weft$resume("), full);
    // the runner's own frame is kept too, between the frame that threw and the task step that ran it
    int copy = full.indexOf("RUNTIME direct dev.weft.agent.app.TraceFixtures.parseConfig$weft0(");
    int runner = full.indexOf("RUNTIME direct dev.weft.continuations.internal.abi.Runner.run(");
    int step = full.indexOf("RUNTIME direct dev.weft.asyncio.Task.step(");
    assertTrue(copy < runner && runner < step, full);
  }

  static void holds(String fixture, String... frames) {
    assertEquals(String.join(" ", frames), fixtures.get(fixture), out);
    assertFalse(out.contains("RUNTIME " + fixture + " "), out);
  }

  @Test
  void directSuspendableCallsAfterASleep() {
    holds("direct", at("parseConfig", "parseConfig"), at("loadConfig", "loadConfig"), at("handler", "handler"),
        at("lambda$directSuspendableCalls", "runHandler"), at("directSuspendableCalls", "runHandler"), at("main", "mainDirect"));
  }

  @Test
  void taskAwaitedByTask_theAwaitedFramesThenTheAwaiters() {
    holds("taskAwaitedByTask", at("parseConfig", "parseConfig"), at("loadConfig", "loadConfig"),
        at("lambda$taskAwaitedByTask", "childBody"), at("parent", "parentAwait"), at("lambda$taskAwaitedByTask", "parentCall"),
        at("taskAwaitedByTask", "runParent"), at("main", "mainTask"));
  }

  @Test
  void generatorBodyTwoCallsDeepAfterYields_thenItsConsumer() {
    holds("generator", at("genStep2", "genThrow"), at("genStep1", "genStep1"), at("lambda$generatorBodyTwoCallsDeep", "genBody"),
        at("generatorBodyTwoCallsDeep", "genConsumer"), at("main", "mainGenerator"));
  }

  @Test
  void greenletSwitchedAwayAndBack_thenTheSwitcher() {
    holds("greenlet", at("switchesThenFails", "glThrow"), at("glHelper", "glHelper"),
        at("lambda$greenletSwitchedAwayAndBack", "glBody"), at("greenletSwitchedAwayAndBack", "glResume"), at("main", "mainGreenlet"));
  }
}

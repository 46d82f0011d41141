package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A new user's first project, {@code com.example:app:1.0-SNAPSHOT}, set up only from the README:
 * its dependency and plugin snippets are cut out of README.md (between {@code <!-- weft-it:NAME -->}
 * and {@code <!-- /weft-it:NAME -->}), pasted into a quickstart pom, and the project is built with
 * a separate Maven run, {@code mvn compile exec:java} and then {@code mvn test}, against this
 * build's artifacts.
 *
 * <p>Those artifacts are put into a throwaway local repository under {@code target/} (as
 * {@code mvn install} of this repository puts them into {@code ~/.m2}), never into the user's; the
 * user's local repository serves third-party artifacts read-only, as a {@code file:} repository
 * ahead of Central, so the run needs the network only for what this build did not fetch already.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeProjectIT {
  static final Path ROOT = Paths.get(prop("weft.it.rootDir")).toAbsolutePath().normalize();
  static final Path WORK = Paths.get(prop("weft.it.workDir")).toAbsolutePath().normalize();
  static final String VERSION = prop("weft.it.version");
  static final Path REPO = WORK.resolve("repository");
  static final Path APP = WORK.resolve("app");

  static String prop(String name) {
    String v = System.getProperty(name);
    if (v == null) throw new IllegalStateException("-D" + name + " is not set: run this test through Maven (mvn verify)");
    return v;
  }

  @BeforeAll
  static void writeProject() throws Exception {
    // the throwaway local repository survives between runs (third-party artifacts copied once);
    // Weft's own artifacts and the project are written afresh
    deleteTree(REPO.resolve("dev/weft"));
    deleteTree(APP);
    Files.createDirectories(WORK);
    installWeft();
    writeSettings();
    String readme = Files.readString(ROOT.resolve("README.md"));
    copyTemplate("readme-project", APP, Map.of(
        "@DEPENDENCIES@", snippet(readme, "dependencies"),
        "@PLUGINS@", snippet(readme, "plugins")));
  }

  /** The README's dependency snippet must name this build's version (bump it with the version). */
  @Test
  @Order(0)
  void readme_namesThisVersion() throws IOException {
    String deps = snippet(Files.readString(ROOT.resolve("README.md")), "dependencies");
    assertTrue(deps.contains("<artifactId>weft-bom</artifactId>\n      <version>" + VERSION + "</version>"),
        "README's BOM import must be at version " + VERSION + ":\n" + deps);
  }

  /** {@code mvn compile exec:java}: instrumented by the end of the compile phase. */
  @Test
  @Order(1)
  void compileExecJava_runsTheProgram() throws Exception {
    String out = mvn("compile", "exec:java", "-Dexec.mainClass=com.example.App");
    assertTrue(out.contains("squares: [0, 1, 4, 9]"), out);
    assertTrue(out.contains("greenlets: [a1, b1, a2]"), out);
    assertTrue(out.contains("asyncio: hello weft, hello world"), out);
    // exec:java interrupts the program's thread group when main returns and waits 15 s for each
    // thread that ignores it: none of Weft's threads may be one
    assertFalse(out.contains("will linger"), out);
  }

  /** {@code mvn test} from a clean project: JUnit 5 tests that suspend, in the test class's own lambdas too. */
  @Test
  @Order(2)
  void test_runsTheJUnit5Tests() throws Exception {
    deleteTree(APP.resolve("target"));
    String out = mvn("test");
    Matcher m = Pattern.compile("Tests run: (\\d+), Failures: 0, Errors: 0, Skipped: 0\\s*$", Pattern.MULTILINE).matcher(out);
    assertTrue(m.find(), out);
    assertEquals(5, Integer.parseInt(m.group(1)), out);
  }

  /**
   * The README's class path without Byte Buddy and ASM, run as written: the plugin-instrumented
   * application runs on the Weft jars alone.
   */
  @Test
  @Order(3)
  void classPathWithoutByteBuddyOrAsm_runsThePluginInstrumentedApp() throws Exception {
    List<String> lines = snippet(Files.readString(ROOT.resolve("README.md")), "classpath", "sh")
        .lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
    assertEquals(2, lines.size(), "README's weft-it:classpath block: an mvn line and a java line\n" + lines);
    assertTrue(lines.get(0).startsWith("mvn ") && lines.get(1).startsWith("java "), lines.toString());
    Files.deleteIfExists(APP.resolve("cp.txt"));
    mvn(lines.get(0).substring(4).trim().split("\\s+"));
    String cp = Files.readString(APP.resolve("cp.txt")).trim();
    assertTrue(cp.contains("weft-asyncio-compat-" + VERSION + ".jar") && cp.contains("weft-continuations-" + VERSION + ".jar"), cp);
    assertFalse(cp.contains("byte-buddy") || cp.contains("/asm"), "Byte Buddy or ASM left on the class path: " + cp);
    assertFalse(cp.contains("junit"), "test dependencies on the application's class path: " + cp);

    assertRunsTheDemo(lines.get(1).substring(5).replace("$(cat cp.txt)", cp));
  }

  /**
   * {@code java -jar}: the README's jar-plugin block added to the project's plugins, then its two
   * commands as written. The manifest's class path must find every Weft jar in {@code lib/}.
   */
  @Test
  @Order(4)
  void javaJar_runsThePackagedApp() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Path pom = APP.resolve("pom.xml");
    String before = Files.readString(pom);
    String end = "    </plugins>\n  </build>";
    assertTrue(before.contains(end), "the project's pom has no </plugins></build> to add the jar plugin before");
    Files.writeString(pom, before.replace(end, snippet(readme, "jarplugin") + end));
    List<String> lines = snippet(readme, "jar", "sh").lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
    assertEquals(2, lines.size(), "README's weft-it:jar block: an mvn line and a java line\n" + lines);
    assertTrue(lines.get(0).startsWith("mvn ") && lines.get(1).startsWith("java -jar "), lines.toString());
    try {
      mvn(lines.get(0).substring(4).trim().split("\\s+"));
      assertRunsTheDemo(lines.get(1).substring(5));
    } finally {
      Files.writeString(pom, before);
    }
  }

  /** Runs {@code java <arguments>} in the project, as the README's line does, and checks the demo's output. */
  static void assertRunsTheDemo(String arguments) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(List.of(arguments.trim().split("\\s+")));
    Process p = new ProcessBuilder(cmd).directory(APP.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "java " + arguments + " did not finish");
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("squares: [0, 1, 4, 9]"), out);
    assertTrue(out.contains("greenlets: [a1, b1, a2]"), out);
    assertTrue(out.contains("asyncio: hello weft, hello world"), out);
  }

  // ---- the throwaway project

  static String mvn(String... goals) throws Exception {
    return mvnIn(APP, goals);
  }

  /** A separate Maven run in {@code project}, with the throwaway local repository and settings. */
  static String mvnIn(Path project, String... goals) throws Exception {
    Path mavenHome = Paths.get(prop("weft.it.mavenHome"));
    Path mvn = mavenHome.resolve("bin").resolve(System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn");
    List<String> cmd = new ArrayList<>(List.of(mvn.toString(), "-B", "-ntp", "-s", WORK.resolve("settings.xml").toString(),
        "-Dmaven.repo.local=" + REPO));
    cmd.addAll(List.of(goals));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("MAVEN_OPTS");
    Path log = WORK.resolve("mvn-" + project.getFileName() + "-" + String.join("-", goals).replaceAll("[^A-Za-z0-9.-]", "_") + ".log");
    pb.redirectOutput(log.toFile());
    long t0 = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("mvn " + String.join(" ", goals) + " did not finish in 5 minutes; log: " + log);
    }
    String out = Files.readString(log);
    System.out.printf("mvn %s: exit %d in %.1f s (log %s)%n", String.join(" ", goals), p.exitValue(), (System.nanoTime() - t0) / 1e9, log);
    if (p.exitValue() != 0) throw new AssertionError("mvn " + String.join(" ", goals) + " failed (exit " + p.exitValue() + "):\n" + out);
    return out;
  }

  /** The README's fenced xml block between {@code <!-- weft-it:name -->} and {@code <!-- /weft-it:name -->}. */
  static String snippet(String readme, String name) {
    return snippet(readme, name, "xml");
  }

  static String snippet(String readme, String name, String lang) {
    Matcher m = Pattern.compile("<!-- weft-it:" + name + " -->\\s*```" + lang + "\\n(.*?)```\\s*<!-- /weft-it:" + name + " -->", Pattern.DOTALL)
        .matcher(readme);
    if (!m.find()) throw new AssertionError("README.md has no ```" + lang + " block marked <!-- weft-it:" + name + " --> ... <!-- /weft-it:" + name + " -->");
    String s = m.group(1);
    if (m.find()) throw new AssertionError("README.md marks two blocks weft-it:" + name);
    return s;
  }

  static void copyTemplate(String resource, Path to, Map<String, String> substitutions) throws Exception {
    Path from = Paths.get(ReadmeProjectIT.class.getResource("/" + resource).toURI());
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
          continue;
        }
        String text = Files.readString(f);
        for (Map.Entry<String, String> e : substitutions.entrySet()) text = text.replace(e.getKey(), e.getValue());
        Files.writeString(target, text);
      }
    }
  }

  /**
   * The user's local repository as a read-only {@code file:} repository ahead of Central (no
   * mirror: what it lacks still comes from Central), so that the throwaway local repository fills
   * up from disk. (A local repository keeps no checksums, hence {@code checksumPolicy ignore}.)
   */
  static void writeSettings() throws IOException {
    String userRepo = Paths.get(prop("weft.it.userRepository")).toUri().toString();
    String repo = "<id>user-local-repository</id><url>" + userRepo + "</url>"
        + "<releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>";
    Files.writeString(WORK.resolve("settings.xml"), "<settings><profiles><profile><id>it</id>"
        + "<repositories><repository>" + repo + "</repository></repositories>"
        + "<pluginRepositories><pluginRepository>" + repo + "</pluginRepository></pluginRepositories>"
        + "</profile></profiles><activeProfiles><activeProfile>it</activeProfile></activeProfiles></settings>\n");
  }

  // ---- this build's artifacts, as `mvn install` would put them into a local repository

  /**
   * Copies weft-parent, weft-bom and every artifact the BOM pins (jar and pom, from the module's
   * {@code target/}) into {@link #REPO} in the local repository's layout, and checks that the
   * BOM pins exactly the modules that are published (those not marked {@code maven.deploy.skip}).
   */
  static void installWeft() throws Exception {
    assertEquals(VERSION, Reactor.text(Reactor.xml(ROOT.resolve("pom.xml")).getDocumentElement(), "version"));
    Map<String, Path> modules = new TreeMap<>();
    TreeSet<String> published = new TreeSet<>();
    for (Reactor.Module m : Reactor.modules(ROOT)) {
      modules.put(m.artifactId(), m.dir());
      if (m.published() && !m.artifactId().equals("weft-bom")) published.add(m.artifactId());
    }
    Path bomDir = modules.get("weft-bom");
    Document bom = Reactor.xml(bomDir.resolve("pom.xml"));
    assertEquals(VERSION, Reactor.text(bom.getDocumentElement(), "version"), "weft-bom's version must be weft-parent's");
    TreeSet<String> pinned = new TreeSet<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      assertEquals("dev.weft", Reactor.text(d, "groupId"));
      assertEquals("${project.version}", Reactor.text(d, "version"));
      pinned.add(Reactor.text(d, "artifactId"));
    }
    assertEquals(published, pinned, "weft-bom must pin every published module, and only those");

    install("weft-parent", ROOT.resolve("pom.xml"), null);
    install("weft-bom", bomDir.resolve("pom.xml"), null);
    for (String a : pinned) {
      Path jar = modules.get(a).resolve("target").resolve(a + "-" + VERSION + ".jar");
      if (!Files.isRegularFile(jar)) {
        throw new AssertionError(jar + " is missing: build the published modules first (mvn verify, or -pl it -am)");
      }
      // a shaded module (weft-agent) is published with its dependency-reduced pom
      Path reduced = modules.get(a).resolve("target/dependency-reduced-pom.xml");
      install(a, Files.isRegularFile(reduced) ? reduced : modules.get(a).resolve("pom.xml"), jar);
    }
  }

  static void install(String artifactId, Path pom, Path jar) throws IOException {
    Path dir = REPO.resolve("dev/weft").resolve(artifactId).resolve(VERSION);
    Files.createDirectories(dir);
    String base = artifactId + "-" + VERSION;
    Files.copy(pom, dir.resolve(base + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    if (jar != null) Files.copy(jar, dir.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    // what `mvn install` writes: the files are locally installed, not downloaded from anywhere
    StringBuilder tracking = new StringBuilder(base + ".pom>=\n");
    if (jar != null) tracking.append(base).append(".jar>=\n");
    Files.writeString(dir.resolve("_remote.repositories"), tracking);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
    }
  }

}

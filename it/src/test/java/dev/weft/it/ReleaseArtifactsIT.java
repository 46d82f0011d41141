package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * What Maven Central asks of a release: metadata in every published pom (checked in every
 * build), and a {@code -sources.jar} and a {@code -javadoc.jar} beside every published jar
 * (checked when the build runs with {@code -P release}, which makes them).
 */
class ReleaseArtifactsIT {
  static final Path ROOT = Paths.get(ReadmeProjectIT.prop("weft.it.rootDir")).toAbsolutePath().normalize();
  static final String VERSION = ReadmeProjectIT.prop("weft.it.version");
  static final List<String> METADATA = List.of("url", "licenses", "developers", "scm");

  @Test
  void metadata_inheritedByEveryPublishedPom_andRepeatedByTheBom() throws Exception {
    Element parent = Reactor.xml(ROOT.resolve("pom.xml")).getDocumentElement();
    for (String name : METADATA) assertNotNull(Reactor.child(parent, name), "weft-parent has no <" + name + ">");
    // without it Maven appends each child's artifactId to the inherited URL
    assertEquals("false", parent.getAttribute("child.project.url.inherit.append.path"));
    Element license = (Element) parent.getElementsByTagName("license").item(0);
    assertEquals("Apache-2.0", Reactor.text(license, "name"));
    String licenseFile = Files.readString(ROOT.resolve("LICENSE"));
    assertTrue(licenseFile.contains("Apache License") && licenseFile.contains("Version 2.0, January 2004"),
        "LICENSE must hold the Apache License 2.0 that the poms name");

    for (Reactor.Module m : Reactor.modules(ROOT)) {
      if (!m.published()) continue;
      Element pom = m.pom().getDocumentElement();
      boolean inherits = Reactor.child(pom, "parent") != null;
      for (String name : METADATA) {
        Element own = Reactor.child(pom, name);
        if (inherits && own == null) continue;
        assertNotNull(own, m.artifactId() + " has no parent and no <" + name + ">");
        assertEquals(normalized(Reactor.child(parent, name)), normalized(own),
            m.artifactId() + "'s <" + name + "> differs from weft-parent's");
      }
    }
  }

  @Test
  void releaseProfile_attachesSourcesAndJavadocToEveryPublishedJar() throws Exception {
    assumeTrue(Boolean.getBoolean("weft.it.release"), "the sources and javadoc jars are made under -P release only");
    List<String> problems = new ArrayList<>();
    for (Reactor.Module m : Reactor.modules(ROOT)) {
      Path target = m.dir().resolve("target");
      Path sources = target.resolve(m.artifactId() + "-" + VERSION + "-sources.jar");
      Path javadoc = target.resolve(m.artifactId() + "-" + VERSION + "-javadoc.jar");
      if (!m.published() || m.packaging().equals("pom")) {
        if (Files.exists(sources) || Files.exists(javadoc)) problems.add(m.artifactId() + " is not published but has a sources or javadoc jar");
        continue;
      }
      if (!Files.isRegularFile(sources) || !Files.isRegularFile(javadoc)) {
        problems.add(m.artifactId() + ": missing " + (Files.isRegularFile(sources) ? javadoc : sources));
        continue;
      }
      Path src = m.dir().resolve("src/main/java");
      if (!Files.isDirectory(src)) {
        // a repackaging (weft-agent): both jars say where the sources are
        for (Path jar : List.of(sources, javadoc)) {
          if (!entries(jar).contains("README.txt")) problems.add(jar + " has no README.txt");
        }
        continue;
      }
      Set<String> sourceEntries = entries(sources);
      Set<String> pages = entries(javadoc);
      if (!pages.contains("index.html")) problems.add(javadoc + " has no index.html");
      try (Stream<Path> files = Files.walk(src)) {
        for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
          String rel = src.relativize(f).toString().replace('\\', '/');
          if (!sourceEntries.contains(rel)) problems.add(sources + " lacks " + rel);
          String page = apiPage(rel, Files.readString(f));
          if (page != null && pages.stream().noneMatch(p -> p.equals(page) || p.endsWith("/" + page))) {
            problems.add(javadoc + " has no page " + page);
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  private static final Pattern PUBLIC_TYPE = Pattern.compile(
      "^public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)",
      Pattern.MULTILINE);

  /** The javadoc page of a public top-level type outside an {@code internal} package, or null. */
  static String apiPage(String sourcePath, String source) {
    if (sourcePath.contains("/internal/") || !sourcePath.contains("/")) return null;
    Matcher m = PUBLIC_TYPE.matcher(source);
    if (!m.find()) return null;
    return sourcePath.substring(0, sourcePath.lastIndexOf('/') + 1) + m.group(1) + ".html";
  }

  static Set<String> entries(Path jar) throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      return j.stream().map(e -> e.getName()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  static String normalized(Element e) {
    return e.getTextContent().replaceAll("\\s+", " ").trim();
  }

  @Test
  void apiPage_namesPublicTypesOnly() {
    assertEquals("dev/weft/generators/Generator.html",
        apiPage("dev/weft/generators/Generator.java", "package x;\n/** doc */\npublic final class Generator<Y> {}"));
    assertEquals(null, apiPage("dev/weft/generators/Helper.java", "package x;\nfinal class Helper {}"));
    assertEquals(null, apiPage("dev/weft/generators/internal/Impl.java", "package x;\npublic class Impl {}"));
    assertFalse(apiPage("dev/weft/asyncio/TaskFactory.java", "public interface TaskFactory {}") == null);
  }
}

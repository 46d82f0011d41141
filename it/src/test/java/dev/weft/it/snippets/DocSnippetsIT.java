package dev.weft.it.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java example in README.md and docs/*.md, and in the javadoc of the main public types,
 * compiles against this build and, where it is a program, runs (instrumented as the build plugin
 * would) and prints what its options expect. How a fragment is wrapped and how a block states
 * its context: {@link SnippetSource}, {@link Snippet}.
 */
class DocSnippetsIT {
  static final Path ROOT = Paths.get(prop("weft.it.rootDir")).toAbsolutePath().normalize();
  static final Path WORK = Paths.get(prop("weft.it.workDir")).toAbsolutePath().normalize();

  static String prop(String name) {
    String v = System.getProperty(name);
    if (v == null) throw new IllegalStateException("-D" + name + " is not set: run this test through Maven (mvn verify)");
    return v;
  }

  @Test
  void readmeAndDocs_everyJavaBlockCompilesAndRuns() throws Exception {
    List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<Snippet> snippets = new ArrayList<>();
    for (Path f : files) {
      String text = Files.readString(f);
      List<Snippet> found = MarkdownSnippets.read(ROOT.relativize(f).toString(), text);
      // a block the pattern missed would go unchecked
      assertEquals(text.lines().filter(l -> l.startsWith("```java")).count(), found.size(), f + ": blocks found");
      snippets.addAll(found);
    }
    assertTrue(snippets.size() >= 9, "README.md's Java blocks: " + snippets.size());
    List<String> problems = new SnippetChecker(WORK.resolve("snippets-docs")).check(snippets);
    assertTrue(problems.isEmpty(), problems.size() + " of " + snippets.size() + " snippets fail:\n\n" + String.join("\n\n", problems));
  }

  /**
   * Every {@code <pre>{@code ...}</pre>} example of every public type, discovered in the main
   * sources of every module; {@code -Dweft.it.snippets=TEXT} checks only those whose origin or key
   * contains TEXT (while working on some).
   */
  @Test
  void javadoc_everyExampleCompilesAndRuns() throws Exception {
    JavadocSnippets.Found found = JavadocSnippets.read(ROOT);
    assertTrue(found.problems().isEmpty(), String.join("\n", found.problems()));
    // the build plugin's pom block and the agent's command lines, in WeftPlugin's and WeftAgent's javadoc
    assertTrue(found.skipped().stream().anyMatch(e -> e.key().equals("WeftPlugin") && e.language().equals("xml")), found.skipped().toString());
    assertTrue(found.snippets().size() >= 80, "javadoc examples found: " + found.snippets().size());
    String only = System.getProperty("weft.it.snippets", "");
    List<Snippet> snippets = found.snippets().stream().filter(s -> s.origin().contains(only)).collect(Collectors.toList());
    List<String> problems = new SnippetChecker(WORK.resolve("snippets-javadoc"), true).check(snippets);
    assertTrue(problems.isEmpty(), problems.size() + " of " + snippets.size() + " snippets fail:\n\n" + String.join("\n\n", problems));
  }

  /** Every relative link of README.md and docs/*.md names a file of this repository (none outside it, as ../shared/ once was). */
  @Test
  void readmeAndDocs_relativeLinksResolveInsideTheRepository() throws Exception {
    List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<String> broken = new ArrayList<>();
    Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(?:#[^)]*)?\\)");
    for (Path f : files) {
      Matcher m = link.matcher(Files.readString(f));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("[a-z]+:.*")) continue;   // https:, mailto:
        Path p = f.getParent().resolve(target).normalize();
        if (!p.startsWith(ROOT) || !Files.exists(p)) broken.add(ROOT.relativize(f) + ": " + target);
      }
    }
    assertTrue(broken.isEmpty(), "links to nothing in the repository:\n" + String.join("\n", broken));
  }

  /** WeftPlugin's javadoc shows the README's plugin block (which ReadmeProjectIT builds a project with), less its comments. */
  @Test
  void javadoc_weftPluginsXml_isTheReadmesTestedBlock() throws Exception {
    JavadocSnippets.Example xml = JavadocSnippets.read(ROOT).skipped().stream()
        .filter(e -> e.key().equals("WeftPlugin")).findFirst().orElseThrow();
    Matcher m = Pattern.compile("<!-- weft-it:plugins -->\\s*```xml\\n(<plugin>.*?</plugin>)", Pattern.DOTALL)
        .matcher(Files.readString(ROOT.resolve("README.md")));
    assertTrue(m.find(), "README.md's weft-it:plugins block");
    assertEquals(normalized(m.group(1)), normalized(xml.code()), xml.origin() + " differs from README.md's plugin block");
  }

  private static String normalized(String xml) {
    return xml.replaceAll("(?s)<!--.*?-->", "").replaceAll("\\s+", "");
  }

  /** The check itself can fail, naming the snippet: one that does not compile, one that throws, one that prints the wrong thing. */
  @Test
  void checker_reportsEachBrokenSnippetByItsOrigin() throws Exception {
    List<Snippet> broken = List.of(
        new Snippet("A.md:1", "int x = \"text\";\n", Snippet.Options.DEFAULT),
        new Snippet("B.md:2", "throw new IllegalStateException(\"boom\");\n", Snippet.Options.DEFAULT));
    List<String> problems = new SnippetChecker(WORK.resolve("snippets-broken")).check(broken);
    assertEquals(1, problems.size(), problems.toString());   // nothing runs while anything fails to compile
    assertTrue(problems.get(0).startsWith("A.md:1 does not compile"), problems.get(0));

    List<Snippet> failing = List.of(
        new Snippet("B.md:2", "throw new IllegalStateException(\"boom\");\n", Snippet.Options.DEFAULT),
        new Snippet("C.md:3", "System.out.println(\"five\");\n", Snippet.Options.parse("expect 4")),
        // a generator body run outside the build plugin's rewrite fails to suspend
        new Snippet("D.md:4", "for (int v : Generator.<Integer>of(y -> y.yield(1))) {}\n", Snippet.Options.parse("uninstrumented")));
    problems = new SnippetChecker(WORK.resolve("snippets-failing")).check(failing);
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("B.md:2: exit 1") && problems.get(0).contains("boom"), problems.get(0));
    assertTrue(problems.get(1).startsWith("C.md:3: printed no line [4]"), problems.get(1));
    assertTrue(problems.get(2).startsWith("D.md:4: exit 1") && problems.get(2).contains("SuspendException"), problems.get(2));
  }
}

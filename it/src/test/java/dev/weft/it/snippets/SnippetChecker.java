package dev.weft.it.snippets;

import dev.weft.continuations.instrument.WeftPlugin;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import net.bytebuddy.build.Plugin;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Compiles snippets against this build's jars (the test's class path), instruments them as the
 * build plugin would, runs those that are programs, each in a fresh JVM, and returns every
 * problem found, each naming the snippet's file and line.
 */
final class SnippetChecker {
  private final Path work;
  private final String classPath = System.getProperty("java.class.path");
  private final boolean everyOneRuns;

  SnippetChecker(Path work) {
    this(work, false);
  }

  /**
   * With {@code everyOneRuns}, a snippet that only declares (a method, a class without a main) and
   * is not {@code compile-only} is a problem too: its options must say what runs it ({@code then}).
   */
  SnippetChecker(Path work, boolean everyOneRuns) {
    this.work = work;
    this.everyOneRuns = everyOneRuns;
  }

  List<String> check(List<Snippet> snippets) throws Exception {
    deleteTree(work);
    Path src = Files.createDirectories(work.resolve("src"));
    Path classes = Files.createDirectories(work.resolve("classes"));
    Path instrumented = Files.createDirectories(work.resolve("instrumented"));
    Map<Path, Snippet> bySource = new LinkedHashMap<>();
    Map<Snippet, SnippetSource> sources = new LinkedHashMap<>();
    int n = 0;
    for (Snippet s : snippets) {
      SnippetSource source = new SnippetSource(s, String.format(Locale.ROOT, "snippet%02d", ++n));
      Path file = src.resolve(source.packageName).resolve(source.className + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.text);
      bySource.put(file.toAbsolutePath(), s);
      sources.put(s, source);
    }

    List<String> problems = new ArrayList<>(compile(bySource, sources, classes));
    if (!problems.isEmpty()) return problems;
    instrument(classes, instrumented);
    for (Map.Entry<Snippet, SnippetSource> e : sources.entrySet()) {
      Snippet s = e.getKey();
      if (!s.options().run()) continue;
      if (!e.getValue().runnable) {
        if (!s.options().expected().isEmpty()) {
          problems.add(s.origin() + ": expects output but is not a program");
        } else if (everyOneRuns) {
          problems.add(s.origin() + ": only declares, so nothing runs it: give it a 'then' statement that uses what it declares"
              + " (or 'compile-only', saying why it cannot run)");
        }
        continue;
      }
      String problem = run(s, e.getValue(), s.options().instrumented() ? instrumented : classes);
      if (problem != null) problems.add(problem);
    }
    return problems;
  }

  private List<String> compile(Map<Path, Snippet> bySource, Map<Snippet, SnippetSource> sources, Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      boolean ok = javac.getTask(new StringWriter(), files, diagnostics,
          List.of("--release", "17", "-proc:none", "-g", "-cp", classPath, "-d", classes.toString()), null,
          files.getJavaFileObjectsFromPaths(bySource.keySet())).call();
      Map<Snippet, List<String>> errors = new LinkedHashMap<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() != Diagnostic.Kind.ERROR) continue;
        Snippet s = d.getSource() == null ? null : bySource.get(Path.of(d.getSource().toUri()).toAbsolutePath());
        errors.computeIfAbsent(s, k -> new ArrayList<>())
            .add("  line " + d.getLineNumber() + " of the wrapped code: " + d.getMessage(Locale.ROOT));
      }
      if (ok && errors.isEmpty()) return List.of();
      List<String> problems = new ArrayList<>();
      for (Map.Entry<Snippet, List<String>> e : errors.entrySet()) {
        Snippet s = e.getKey();
        if (s == null) {
          problems.add("javac:\n" + String.join("\n", e.getValue()));
          continue;
        }
        problems.add(s.origin() + " does not compile:\n" + String.join("\n", e.getValue())
            + "\n  wrapped as:\n" + numbered(sources.get(s).text));
      }
      if (problems.isEmpty()) problems.add("javac failed with no error reported");
      return problems;
    }
  }

  /** What the build plugin does to a project's classes. */
  private void instrument(Path classes, Path instrumented) throws IOException {
    List<ClassFileLocator> locators = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      File f = new File(entry);
      if (f.isDirectory()) locators.add(new ClassFileLocator.ForFolder(f));
      else if (f.isFile()) locators.add(ClassFileLocator.ForJarFile.of(f));
    }
    Plugin.Engine.Summary summary = new Plugin.Engine.Default().with(new ClassFileLocator.Compound(locators))
        .apply(classes.toFile(), instrumented.toFile(), new Plugin.Factory.Simple(new WeftPlugin()));
    if (!summary.getFailed().isEmpty()) throw new AssertionError("instrumentation failed: " + summary.getFailed());
  }

  private String run(Snippet s, SnippetSource source, Path classes) throws Exception {
    Path log = work.resolve(source.packageName + ".log");
    // each in a directory of its own, for the files an example writes or reads
    Path dir = Files.createDirectories(work.resolve("run").resolve(source.packageName));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-ea",
        "-cp", classes + File.pathSeparator + classPath, source.qualifiedName())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return s.origin() + ": did not finish in 60 s (log " + log + ")";
    }
    String out = Files.readString(log);
    List<String> lines = out.lines().map(String::strip).collect(Collectors.toList());
    // "expect TEXT ..." matches a line that starts with TEXT
    List<String> missing = s.options().expected().stream()
        .filter(x -> x.endsWith(" ...") ? lines.stream().noneMatch(l -> l.startsWith(x.substring(0, x.length() - 4))) : !lines.contains(x))
        .collect(Collectors.toList());
    if (p.exitValue() == 0 && missing.isEmpty()) return null;
    return s.origin() + (p.exitValue() != 0 ? ": exit " + p.exitValue() : ": printed no line " + missing)
        + "\n  output:\n" + out.indent(4) + "  wrapped as:\n" + numbered(source.text);
  }

  private static String numbered(String text) {
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) out.append(String.format(Locale.ROOT, "  %4d  %s%n", i + 1, lines[i]));
    return out.toString();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
    }
  }
}

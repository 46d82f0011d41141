package dev.weft.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the line of a {@code // @line NAME} marker in a test source file, so traces name lines without hard-coding them. */
public final class SourceLines {
  private SourceLines() {}

  /** The 1-based line in {@code src/test/java/<class path>.java} of this module that ends with {@code // @line marker}. */
  public static int of(Class<?> c, String marker) {
    return of(Path.of("src/test/java"), c, marker);
  }

  /** {@link #of(Class, String)} with the test sources under {@code testSources}: for a test run from another directory. */
  public static int of(Path testSources, Class<?> c, String marker) {
    Path file = testSources.resolve(c.getName().replace('.', '/').replaceAll("\\$.*", "") + ".java");
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).trim().endsWith("// @line " + marker)) return i + 1;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalArgumentException("no // @line " + marker + " in " + file);
  }

  /** {@code Simple.method:line} (a lambda without its number) of each element of {@code trace} whose class is one of {@code classes}, in order. */
  public static List<String> frames(Throwable t, Class<?>... classes) {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Class<?> c : classes) names.add(c.getName());
    java.util.List<String> out = new java.util.ArrayList<>();
    for (StackTraceElement e : t.getStackTrace()) {
      String owner = e.getClassName();
      // javac numbers lambdas across the class: lambda$test$3 is named lambda$test here
      String method = e.getMethodName().replaceAll("^(lambda\\$.*)\\$\\d+$", "$1");
      if (names.contains(owner)) out.add(owner.substring(owner.lastIndexOf('.') + 1) + "." + method + ":" + e.getLineNumber());
    }
    return out;
  }
}

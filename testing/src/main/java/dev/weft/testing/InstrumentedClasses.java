package dev.weft.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Verifies, with ASM's {@link CheckClassAdapter} and its data-flow analysis, every class file that
 * Weft's instrumenter transformed in the output directory a class was loaded from.
 *
 * <pre>{@code
 * @Test
 * void everyInstrumentedClass_verifies() {
 *   InstrumentedClasses.Report r = InstrumentedClasses.verifyAll(MyTest.class);
 *   assertEquals(List.of(), r.failures());
 * }
 * }</pre>
 */
public final class InstrumentedClasses {
  private static final String MARKER = "dev/weft/continuations/internal/abi/Instrumented";

  private InstrumentedClasses() {}

  /** What a verification pass found. */
  public record Report(int checked, List<String> failures) {}

  /** Verifies every instrumented class below the class-path root of {@code anchor}. */
  public static Report verifyAll(Class<?> anchor) {
    Path root;
    try {
      root = Paths.get(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<String> failures = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        byte[] bytes = Files.readAllBytes(p);
        if (!new String(bytes, StandardCharsets.ISO_8859_1).contains(MARKER)) continue;
        checked++;
        StringWriter report = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), anchor.getClassLoader(), false, new PrintWriter(report));
        if (report.getBuffer().length() > 0) failures.add(root.relativize(p) + ":\n" + report);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Report(checked, failures);
  }
}

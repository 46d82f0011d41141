package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every class the build plugin transformed in this module's tests passes ASM's CheckClassAdapter. */
class InstrumentedTestClassesVerifyTest {
  @Test
  void everyInstrumentedTestClass_verifies() throws Exception {
    Path root = Paths.get(InstrumentedTestClassesVerifyTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> failures = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        byte[] bytes = read(p);
        if (!new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("internal/abi/Instrumented")) continue;
        checked++;
        String report = ClassFiles.verify(bytes, getClass().getClassLoader());
        if (!report.isEmpty()) failures.add(root.relativize(p) + ":\n" + report);
      }
    }
    assertTrue(checked >= 5, "expected the build plugin to have instrumented the test fixtures, found " + checked);
    assertEquals(List.of(), failures);
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

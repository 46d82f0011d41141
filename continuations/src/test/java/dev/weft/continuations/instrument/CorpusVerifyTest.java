package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.instrument.internal.ClassInstrumenter;
import dev.weft.continuations.instrument.internal.TestSelections;
import dev.weft.continuations.instrument.internal.TypeHierarchy;
import dev.weft.continuations.instrument.internal.TypePoolHierarchy;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Instruments every class of real jars with every method treated as suspendable and every call as
 * a suspension point, then verifies each result with ASM's CheckClassAdapter. Zero failures.
 */
class CorpusVerifyTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"com/google/common/collect/ImmutableList.class", "org/apache/commons/lang3/StringUtils.class",
      "com/fasterxml/jackson/databind/ObjectMapper.class", "io/netty/buffer/ByteBuf.class"})
  void everyClassOfJar_instrumentedWithEveryMethodSuspendable_verifies(String probe) throws Exception {
    ClassLoader loader = getClass().getClassLoader();
    URL url = loader.getResource(probe);
    JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
    TypeHierarchy hierarchy = TypePoolHierarchy.of(loader);
    List<String> failures = new ArrayList<>();
    int classes = 0, instrumented = 0, methods = 0;
    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
      JarEntry entry = e.nextElement();
      String name = entry.getName();
      if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) continue;
      classes++;
      byte[] original;
      try (InputStream in = jar.getInputStream(entry)) {
        original = in.readAllBytes();
      }
      try {
        ClassInstrumenter instrumenter = new ClassInstrumenter(hierarchy, TestSelections.EVERY_METHOD);
        byte[] out = instrumenter.instrument(original);
        if (out == null) continue;
        instrumented++;
        methods += instrumenter.methodsInstrumented;
        String report = ClassFiles.verify(out, loader);
        if (!report.isEmpty()) failures.add(name + ": " + report.lines().limit(8).reduce("", (a, b) -> a + "\n  " + b));
      } catch (RuntimeException | LinkageError ex) {
        failures.add(name + ": " + ex);
      }
    }
    System.out.printf("corpus %s: %d classes, %d instrumented, %d methods, %d failures%n",
        jar.getName().replaceAll(".*/", ""), classes, instrumented, methods, failures.size());
    assertTrue(instrumented > 100, "expected most classes to need instrumentation, got " + instrumented);
    assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())), failures.size() + " failures");
  }
}

package dev.weft.continuations.instrument.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.peercases.ParameterCases;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Part of commons-lang3's own test suite (its {@code tests} jar from Maven Central), run plainly and
 * then with commons-lang3 and its tests instrumented with every method suspendable and each test
 * body suspended before every call it and the library make: each test ends as it did. The whole
 * suite runs in {@link PeerSuiteFullTest}.
 */
class PeerSuiteTest {
  /** Chosen to run in well under a minute injected (ArrayUtilsTest, FractionTest, DurationFormatUtilsTest take minutes). */
  static final List<String> SUBSET = List.of(
      "org.apache.commons.lang3.StringUtilsEqualsIndexOfTest",
      "org.apache.commons.lang3.CharSequenceUtilsTest",
      "org.apache.commons.lang3.text.StrBuilderTest",
      "org.apache.commons.lang3.builder.EqualsBuilderTest",
      "org.apache.commons.lang3.mutable.MutableIntTest",
      "org.apache.commons.lang3.tuple.PairTest",
      "org.apache.commons.lang3.ValidateTest",
      // three of its tests differed before call-site tokens told receivers apart (CharSet.toString through a JDK set)
      "org.apache.commons.lang3.CharSetTest");

  static PeerSuite commonsLang() {
    return new PeerSuite("org.apache.commons.lang3", "org/apache/commons/lang3/StringUtils.class",
        "org/apache/commons/lang3/StringUtilsTest.class");
  }

  @Test
  void commonsLangSubset_underInjection_endsEveryTestAsThePlainRunDoes() throws Exception {
    PeerSuite suite = commonsLang();
    PeerSuite.Run plain = suite.run(SUBSET, false);
    PeerSuite.Run injected = suite.run(SUBSET, true);
    System.out.println("commons-lang3 subset, plain:    " + plain);
    System.out.println("commons-lang3 subset, injected: " + injected);
    Map<String, String> differences = PeerSuite.differences(plain, injected);
    injected.refused.forEach(r -> System.out.println("  refused: " + r));
    differences.forEach((id, d) -> System.out.println("  differs: " + id + ": " + d));
    assertTrue(plain.count("SUCCESSFUL") > 300, plain.toString());
    assertEquals(Map.of(), differences);
    assertTrue(injected.suspensions > 10_000, injected.toString());
    // Its parameterised tests (CharSequence, CharSequence, int, int; CharSequence, String, int...) ran injected too.
    assertEquals(0, injected.notInjected, injected.toString());
    List<String> invocations = invocations(injected);
    assertTrue(invocations.size() > 40, invocations.toString());
    assertEverySuspended(injected, invocations);
    assertTrue(invocations.stream().anyMatch(id -> id.contains("testLastIndexOfWithDifferentCharSequences(java.lang.CharSequence,"
        + " java.lang.CharSequence, int, int)")), invocations.toString());
  }

  /**
   * Tests of every parameter kind ({@link ParameterCases}: each primitive type, arrays, enums,
   * {@code TestInfo}, repetitions, package-private and protected methods), from a jar of their own:
   * the same outcomes, one failure on purpose among them, and each suspended in the injected run.
   */
  @Test
  void parameterCases_underInjection_getTheirArgumentsAndSuspend(@TempDir Path dir) throws Exception {
    PeerSuite.Run plain, injected;
    try (JarFile jar = jarOf(ParameterCases.class, dir)) {
      PeerSuite suite = new PeerSuite(ParameterCases.class.getPackageName(), List.of(jar));
      plain = suite.run(List.of(ParameterCases.class.getName()), false);
      injected = suite.run(List.of(ParameterCases.class.getName()), true);
    }
    System.out.println("parameter cases, plain:    " + plain);
    System.out.println("parameter cases, injected: " + injected);
    assertEquals(Map.of(), PeerSuite.differences(plain, injected));
    assertEquals(2 + 4 + TimeUnit.values().length + 2 + 1 + 3, plain.outcomes.size(), plain.outcomes.toString());
    assertEquals(1, plain.count("FAILED"), plain.failures.toString());
    assertTrue(plain.failures.values().iterator().next().contains("fails on purpose for 4"), plain.failures.toString());
    assertEquals(0, injected.notInjected, injected.toString());
    assertEquals(plain.outcomes.keySet(), injected.suspensionsByTest.keySet());
    assertEverySuspended(injected, List.copyOf(plain.outcomes.keySet()));
  }

  /** The unique ids of the run's test-template invocations (parameterised and repeated tests). */
  private static List<String> invocations(PeerSuite.Run run) {
    return run.outcomes.keySet().stream().filter(id -> id.contains("[test-template-invocation:")).collect(Collectors.toList());
  }

  private static void assertEverySuspended(PeerSuite.Run run, List<String> ids) {
    List<String> unsuspended = ids.stream().filter(id -> run.suspensionsByTest.getOrDefault(id, 0L) == 0).collect(Collectors.toList());
    assertEquals(List.of(), unsuspended, "tests that did not suspend");
  }

  /** A jar of {@code c}'s class file, as the test class path holds it. */
  private static JarFile jarOf(Class<?> c, Path dir) throws IOException {
    String entry = c.getName().replace('.', '/') + ".class";
    Path jar = dir.resolve("cases.jar");
    try (InputStream in = c.getClassLoader().getResourceAsStream(entry);
        OutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      ((JarOutputStream) out).putNextEntry(new JarEntry(entry));
      in.transferTo(out);
    }
    return new JarFile(jar.toFile());
  }
}

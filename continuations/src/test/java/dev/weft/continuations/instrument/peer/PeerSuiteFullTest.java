package dev.weft.continuations.instrument.peer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * commons-lang3's whole test suite, plain and under injection, as {@link PeerSuiteTest} runs a part
 * of it. Minutes on two cores, so behind a profile:
 *
 * <pre>{@code
 * mvn -B -ntp verify -pl continuations -am -Ppeer-suite -Dit.test=NoSuchIT -Dfailsafe.failIfNoSpecifiedTests=false
 * }</pre>
 *
 * <p>It prints both runs' counts and every difference with its cause, and fails on a difference
 * not explained in {@link KnownDifferences}.
 */
@Tag("peer")
class PeerSuiteFullTest {
  @Test
  void commonsLangSuite_underInjection_endsEveryTestAsThePlainRunDoes() throws Exception {
    PeerSuite suite = PeerSuiteTest.commonsLang();
    List<String> classes = suite.allTestClasses();
    PeerSuite.Run plain = suite.run(classes, false);
    PeerSuite.Run injected = suite.run(classes, true);
    System.out.println("commons-lang3 suite (" + classes.size() + " classes), plain:    " + plain);
    System.out.println("commons-lang3 suite (" + classes.size() + " classes), injected: " + injected);
    injected.refused.forEach(r -> System.out.println("  refused: " + r));
    Map<String, String> differences = PeerSuite.differences(plain, injected);
    differences.forEach((id, d) -> System.out.println("  differs: " + id + ": " + d + " [" + KnownDifferences.causeOf(id, d) + "]"));
    printCommonFailures("plain", plain);
    assertTrue(plain.count("SUCCESSFUL") > 5_000, plain.toString());
    differences.forEach((id, d) -> assertTrue(KnownDifferences.causeOf(id, d) != null, "unexplained: " + id + ": " + d));
  }

  /** The run's ten most frequent failure summaries, each with its count and one test that has it. */
  private static void printCommonFailures(String name, PeerSuite.Run run) {
    Map<String, List<String>> byMessage = new java.util.TreeMap<>();
    run.failures.forEach((id, failure) -> {
      String first = String.valueOf(failure).lines().findFirst().orElse("");
      byMessage.computeIfAbsent(first.length() > 160 ? first.substring(0, 160) : first, m -> new java.util.ArrayList<>()).add(id);
    });
    byMessage.entrySet().stream().sorted((a, b) -> b.getValue().size() - a.getValue().size()).limit(10)
        .forEach(e -> System.out.println("  " + name + " fails " + e.getValue().size() + "x: " + e.getKey() + " (e.g. " + e.getValue().get(0) + ")"));
  }
}

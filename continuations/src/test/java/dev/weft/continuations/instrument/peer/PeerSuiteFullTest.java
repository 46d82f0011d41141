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
    assertTrue(plain.count("SUCCESSFUL") > 5_000, plain.toString());
    differences.forEach((id, d) -> assertTrue(KnownDifferences.causeOf(id, d) != null, "unexplained: " + id + ": " + d));
  }
}

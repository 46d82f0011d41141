package dev.weft.continuations.instrument.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
  }
}

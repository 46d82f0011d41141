package dev.weft.continuations.instrument;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of every corpus jar, as {@link CorpusVerifyTest} does for a sample; some minutes on two
 * cores, so tagged out of the default build:
 *
 * <pre>{@code
 * mvn -B -ntp verify -pl continuations -am -Pcorpus -Dit.test=NoSuchIT -Dfailsafe.failIfNoSpecifiedTests=false
 * }</pre>
 */
@Tag("corpus")
class CorpusFullTest {
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.weft.continuations.instrument.Corpus#probes")
  void everyClassOfJar_instrumentedWithEveryMethodSuspendable_verifiesAndLinks(String probe) throws Exception {
    CorpusVerifyTest.check(CorpusRun.of(probe, Integer.MAX_VALUE), 100);
  }
}

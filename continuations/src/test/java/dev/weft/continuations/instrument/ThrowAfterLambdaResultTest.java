package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.continuations.instrument.internal.TestSelections;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A local of an interface type in a try block whose slot the catch block reuses for its exception,
 * saved after the catch. Found by the peer suite: six invocations of commons-lang3's
 * {@code FastDateParserTest} (the parser comes from a {@code TriFunction}) ended in a
 * {@code ClassCastException} in {@code Carrier.popEntry}. The frame analysis merged the slot's two
 * types (Parser, ParseException) into Parser, as the verifier's leniency towards interfaces
 * allows; the restore code's checkcast to Parser then threw on the exception halfway through the
 * restore, before the record was popped, and the next record was read out of step (a null or an
 * exception where its entry should be). The merge now gives Object unless both values provably
 * are of the interface ({@code HierarchyVerifier.merge}).
 */
class ThrowAfterLambdaResultTest {
  private static String source(String make) {
    return "package fx;\n"
        + "public class Parse implements Runnable {\n"
        + "  public interface Parser { Object parse(String s) throws java.text.ParseException; }\n"
        + "  public interface Maker { Parser make(String format); }\n"
        + "  public static final class P implements Parser {\n"
        + "    public static P make(String format) { return new P(); }\n"
        + "    public Object parse(String s) throws java.text.ParseException {\n"
        + "      if (s.isEmpty()) return String.valueOf(s.length());\n"
        + "      java.text.ParsePosition pos = new java.text.ParsePosition(0);\n"
        + "      pos.setErrorIndex(String.valueOf(s).length());\n"
        + "      throw new java.text.ParseException(new StringBuilder().append(\"Unparseable: \").append(s).toString(), pos.getErrorIndex());\n"
        + "    }\n"
        + "  }\n"
        + "  static Maker maker(int which) { return which == 0 ? f -> new P() : P::make; }\n"
        + "  public static String INPUT = \"3  Tue\";\n"
        + "  public static String result;\n"
        + "  public void run() {\n"
        + "    Object parsed = null; Throwable failure = null;\n"
        + "    try {\n"
        + "      Parser p = " + make + ";\n"
        + "      parsed = p.parse(INPUT);\n"
        + "    } catch (Exception e) { failure = e; }\n"
        + "    result = parsed + \" \" + failure;\n"
        + "  }\n"
        + "}\n";
  }

  private static final String EXPECTED = "null java.text.ParseException: Unparseable: 3  Tue";

  /**
   * How the parser is made, as the code that gets it reads. Not only lambdas: what matters is the
   * slot's interface type (Parser) meeting the handler's exception; with the class type P
   * ({@code P.make}) the merge was Object already.
   */
  static Stream<Arguments> parsers() {
    return Stream.of(
        Arguments.of("by new", "new P()"),
        Arguments.of("by a lambda", "maker(0).make(\"M E\")"),
        Arguments.of("by a method reference", "maker(1).make(\"M E\")"),
        Arguments.of("by an anonymous class", "new Maker() { public Parser make(String f) { return new P(); } }.make(\"x\")"),
        Arguments.of("of a class type", "P.make(\"x\")"));
  }

  @ParameterizedTest(name = "parser made {0}")
  @MethodSource("parsers")
  void parserThrowsIntoTheCatchBlock(String how, String make) throws Exception {
    assertEquals(EXPECTED, run(make));
  }

  /** Returning instead of throwing, the lambda's parser is fine. */
  @Test
  void parserMadeByALambda_returnsNormally() throws Exception {
    assertEquals("0 null", run("maker(0).make(\"M E\")", ""));
  }

  private static String run(String make) throws Exception {
    return run(make, "3  Tue");
  }

  private static String run(String make, String input) throws Exception {
    Map<String, byte[]> classes = ClassFiles.instrument(ClassFiles.compile("fx.Parse", source(make)), TestSelections.INJECT);
    Class<?> type = ClassFiles.childFirst(classes).loadClass("fx.Parse");
    type.getField("INPUT").set(null, input);
    ClassFiles.runInjected((Runnable) type.getDeclaredConstructor().newInstance());
    return (String) type.getField("result").get(null);
  }
}

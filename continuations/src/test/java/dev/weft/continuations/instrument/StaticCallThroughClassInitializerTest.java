package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.continuations.instrument.internal.TestSelections;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * A static call that is a class's first use: the JVM runs the class's initializer before the call,
 * and the initializer (never instrumented) calls the same static method. That inner call must not
 * take the outer call's token as its own; if it does, an injected suspension in it unwinds through
 * the initializer, which goes on with the dummy return value and so ends with a static final field
 * left null. Found by the peer suite: commons-lang3's {@code TimeZones.GMT} is
 * {@code getTimeZone("GMT")} in its initializer, and a test whose first use of the class is
 * {@code TimeZones.getTimeZone(...)} left it null for every later test (thousands of
 * {@code FastDateParserTest} failures, {@code DateUtilsTest}'s argument sources failing).
 */
class StaticCallThroughClassInitializerTest {
  private static final String SOURCE = "package fx;\n"
      + "public class FirstUse implements Runnable {\n"
      + "  public static final class Zones {\n"
      + "    public static final String GMT = name(\"GMT\");\n"
      + "    public static String name(String id) { return String.valueOf(id); }\n"
      + "  }\n"
      + "  public static String result;\n"
      + "  public void run() {\n"
      + "    String utc = Zones.name(\"UTC\");\n"
      + "    result = utc + \" \" + Zones.GMT;\n"
      + "  }\n"
      + "}\n";

  @Disabled("Weft bug (issue 19): the initializer's inner call takes the outer static call's token and suspends through it")
  @Test
  void initializerTriggeredByAStaticCall_callingTheSameMethod_keepsItsValue() throws Exception {
    Map<String, byte[]> classes = ClassFiles.instrument(ClassFiles.compile("fx.FirstUse", SOURCE), TestSelections.INJECT);
    Class<?> type = ClassFiles.childFirst(classes).loadClass("fx.FirstUse");
    ClassFiles.runInjected((Runnable) type.getDeclaredConstructor().newInstance());
    assertEquals("UTC GMT", type.getField("result").get(null));
  }

  /** The same initializer, run before the continuation: nothing to get wrong. */
  @Test
  void initializerRunOutsideTheContinuation_keepsItsValue() throws Exception {
    Map<String, byte[]> classes = ClassFiles.instrument(ClassFiles.compile("fx.FirstUse", SOURCE), TestSelections.INJECT);
    Class<?> type = ClassFiles.childFirst(classes).loadClass("fx.FirstUse");
    Class.forName("fx.FirstUse$Zones", true, type.getClassLoader());
    ClassFiles.runInjected((Runnable) type.getDeclaredConstructor().newInstance());
    assertEquals("UTC GMT", type.getField("result").get(null));
  }
}

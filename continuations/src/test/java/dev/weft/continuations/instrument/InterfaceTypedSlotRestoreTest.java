package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.continuations.instrument.internal.TestSelections;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A slot that holds an interface type on one path and an unrelated type on another, saved where
 * the paths meet: its value must be restored as it was, whichever path ran. The verifier lets any
 * reference stand for an interface, so a merge may claim the interface (or an array of it) for a
 * value that is not one; a cast back to that type would throw halfway through the restore.
 * {@link ThrowAfterLambdaResultTest} has the try/catch shape commons-lang3 hit; these are arrays
 * of both kinds, in both branch orders.
 */
class InterfaceTypedSlotRestoreTest {
  private static String source(String first, String second) {
    return "package fx;\n"
        + "public class Slots implements Runnable {\n"
        + "  public static int which;\n"
        + "  public static String result;\n"
        + "  public void run() {\n"
        + "    int n = String.valueOf(which).length() + which;\n"
        + "    if (n == 1) { " + first + " result = String.valueOf(a.length); }\n"
        + "    else { " + second + " result = String.valueOf(a.length); }\n"
        + "    result = result + String.valueOf(n) + String.valueOf(n);\n"
        + "  }\n"
        + "}\n";
  }

  private static final String STRINGS = "String[] a = { \"s\" };";
  private static final String RUNNABLES = "Runnable[] a = { () -> { }, () -> { } };";

  @Test
  void interfaceArrayFirst_thenAClassArray() throws Exception {
    assertEquals("211", run(source(RUNNABLES, STRINGS), 0));
    assertEquals("133", run(source(RUNNABLES, STRINGS), 2));
  }

  @Test
  void classArrayFirst_thenAnInterfaceArray() throws Exception {
    assertEquals("111", run(source(STRINGS, RUNNABLES), 0));
    assertEquals("233", run(source(STRINGS, RUNNABLES), 2));
  }

  private static String run(String source, int which) throws Exception {
    Map<String, byte[]> classes = ClassFiles.instrument(ClassFiles.compile("fx.Slots", source), TestSelections.INJECT);
    ClassLoader loader = ClassFiles.childFirst(classes);
    for (Map.Entry<String, byte[]> e : classes.entrySet()) assertEquals("", ClassFiles.verify(e.getValue(), loader), e.getKey());
    Class<?> type = loader.loadClass("fx.Slots");
    type.getField("which").setInt(null, which);
    int suspensions = ClassFiles.runInjected((Runnable) type.getDeclaredConstructor().newInstance());
    assertEquals(5, suspensions, "one suspension before each call: valueOf, length, valueOf in the branch, valueOf twice after it");
    return (String) type.getField("result").get(null);
  }
}

package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.instrument.internal.ClassInstrumenter;
import dev.weft.continuations.instrument.internal.Selection;
import java.util.Map;
import java.util.TreeMap;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/** Issue 14: the agent's, the plugin's and the instrumenter's forms of the one selection rule agree. */
class SelectionTest {
  @Test
  void everyClassTheInstrumenterChanges_isAdmittedByTheAgentAndThePlugin() {
    Map<String, byte[]> classes = DeliveryModes.compileSuite();
    TypePool pool = pool(classes);
    Map<String, Boolean> changed = new TreeMap<>(), agent = new TreeMap<>(), plugin = new TreeMap<>();
    classes.forEach((name, bytes) -> {
      changed.put(name, new ClassInstrumenter(ClassFiles.hierarchy(classes), Selection.DECLARED).instrument(bytes) != null);
      agent.put(name, Selection.mayNeedInstrumenting(name.replace('.', '/'), bytes));
      plugin.put(name, Selection.mayNeedInstrumenting(pool.describe(name).resolve()));
    });
    assertTrue(changed.containsValue(true), changed.toString());
    changed.forEach((name, c) -> {
      if (c) assertTrue(agent.get(name) && plugin.get(name), name + ": agent " + agent.get(name) + ", plugin " + plugin.get(name));
    });
  }

  @Test
  void instrumentedClass_isNotAdmittedAgainByThePlugin() {
    Map<String, byte[]> once = ClassFiles.instrument(DeliveryModes.compileSuite(), Selection.DECLARED);
    assertFalse(Selection.mayNeedInstrumenting(pool(once).describe("fx.Suite").resolve()));
  }

  @Test
  void throwsClauseWithSubclassOfSuspend_isAdmittedByThePlugin() {
    Map<String, byte[]> classes = ClassFiles.compile("fx.Sub", """
        package fx;
        public class Sub {
          public static class Mine extends dev.weft.continuations.Suspend {}
          static void m() throws Mine {}
        }
        """);
    TypeDescription sub = pool(classes).describe("fx.Sub").resolve();
    assertTrue(Selection.mayNeedInstrumenting(sub));
  }

  @Test
  void runtimeAndJdkClasses_areExcluded() {
    for (String name : new String[] {"dev/weft/continuations/Continuation", "dev/weft/continuations/internal/abi/Frames",
        "dev/weft/continuations/instrument/WeftAgent", "java/lang/String", "jdk/internal/misc/Unsafe", "sun/misc/Unsafe"}) {
      assertTrue(Selection.isExcluded(name), name);
    }
    assertEquals(false, Selection.isExcluded("dev/weft/continuations/Context"));
  }

  private static TypePool pool(Map<String, byte[]> classes) {
    return TypePool.Default.of(new ClassFileLocator.Compound(new ClassFileLocator.Simple(classes),
        ClassFileLocator.ForClassLoader.of(SelectionTest.class.getClassLoader())));
  }
}

package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.SuspendableRunnable;
import dev.weft.continuations.instrument.internal.Selection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Weft's layers hand the carrier an instrumented method already holds down to the statically
 * bound suspendable methods it calls (a generator's next, resume and step): such a callee, whose
 * first parameter is a Carrier, takes it at entry instead of looking it up, and a
 * {@code Frames.carrier()} call in an instrumented method's own code is a load of its carrier.
 * Checked in the bytecode, and by suspending through both, fresh and resumed.
 */
class CarrierParameterTest {
  private static final String SOURCE = "package fx;\n"
      + "import dev.weft.continuations.*;\n"
      + "import dev.weft.continuations.internal.abi.*;\n"
      + "public class Passes implements SuspendableRunnable {\n"
      + "  public static final ContinuationScope SCOPE = new ContinuationScope(\"passes\");\n"
      + "  public int result;\n"
      + "  public void run() throws Suspend {\n"
      + "    int a = step(Frames.carrier(), 1);\n"
      + "    result = a + step(Frames.carrier(), 20) + new Passes().viaInstance(Frames.carrier(), 300);\n"
      + "  }\n"
      + "  private static int step(Carrier c, int x) throws Suspend { Continuation.suspend(SCOPE); return x; }\n"
      + "  private int viaInstance(Carrier c, int x) throws Suspend { return step(Frames.carrier(), x) * 10; }\n"
      + "}\n";

  @Test
  void carrierParameter_isTakenAtEntry_andFramesCarrier_becomesTheLocal() {
    ClassNode node = new ClassNode();
    new ClassReader(instrumented().get("fx.Passes")).accept(node, 0);
    int lookups = 0;
    for (MethodNode m : node.methods) {
      for (AbstractInsnNode insn : m.instructions) {
        if (insn instanceof MethodInsnNode && ((MethodInsnNode) insn).name.equals("carrier")
            && ((MethodInsnNode) insn).owner.endsWith("/Frames")) {
          lookups++;
          assertEquals("run", m.name, "only run() looks its carrier up, once, at entry");
        }
      }
    }
    assertEquals(1, lookups);
  }

  @Test
  void methodsGivenTheCarrier_suspendAndResume() throws Exception {
    ClassLoader loader = ClassFiles.childFirst(instrumented());
    Object body = loader.loadClass("fx.Passes").getDeclaredConstructor().newInstance();
    ContinuationScope scope = (ContinuationScope) loader.loadClass("fx.Passes").getField("SCOPE").get(null);
    Continuation k = new Continuation(scope, (SuspendableRunnable) body);
    int suspensions = 0;
    for (k.run(); !k.isDone(); k.run()) suspensions++;
    assertEquals(3, suspensions);
    assertEquals(1 + 20 + 3000, body.getClass().getField("result").getInt(body));
    assertEquals("", ClassFiles.verify(instrumented().get("fx.Passes"), loader));
  }

  private static Map<String, byte[]> instrumented() {
    return ClassFiles.instrument(ClassFiles.compile("fx.Passes", SOURCE), Selection.DECLARED);
  }
}

package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.SuspendableRunnable;
import dev.weft.continuations.instrument.internal.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A private instance method called from its own class takes the plain call-site token (no hash of
 * the receiver's class at the call or at the entry); called from a nestmate, which mixes the
 * receiver's class in as for any instance call, it must still be entered cleanly and suspend.
 */
class PrivateCallTokenTest {
  private static final String SOURCE = "package fx;\n"
      + "import dev.weft.continuations.*;\n"
      + "public class Priv implements SuspendableRunnable {\n"
      + "  public static final ContinuationScope SCOPE = new ContinuationScope(\"priv\");\n"
      + "  public int result;\n"
      + "  private int step(int x) throws Suspend { Continuation.suspend(SCOPE); return x + 1; }\n"
      + "  private long wide(long a, double b) throws Suspend { return step((int) a) + (long) b; }\n"
      + "  public void run() throws Suspend { result = step(1) * 1000 + (int) wide(20, 300.0) + new Nested(this).viaOuter(); }\n"
      + "  static final class Nested {\n"
      + "    private final Priv outer;\n"
      + "    Nested(Priv outer) { this.outer = outer; }\n"
      + "    int viaOuter() throws Suspend { return outer.step(4000) * 10; }\n"
      + "  }\n"
      + "  public static final class Sub extends Priv {}\n"
      + "}\n";

  @Test
  void privateCalls_fromTheClassAndFromANestmate_suspendAndResume() throws Exception {
    for (String type : List.of("fx.Priv", "fx.Priv$Sub")) { // Sub: the receiver's class is not the declaring one
      ClassLoader loader = ClassFiles.childFirst(instrumented());
      Object body = loader.loadClass(type).getDeclaredConstructor().newInstance();
      ContinuationScope scope = (ContinuationScope) loader.loadClass("fx.Priv").getField("SCOPE").get(null);
      Continuation k = new Continuation(scope, (SuspendableRunnable) body);
      int suspensions = 0;
      for (k.run(); !k.isDone(); k.run()) suspensions++;
      assertEquals(3, suspensions, type + ": step from run, from wide, and from the nestmate");
      assertEquals(2 * 1000 + 321 + 40010, body.getClass().getField("result").getInt(body), type);
    }
  }

  @Test
  void ownPrivateCall_usesThePlainToken_andTheNestmateCall_theReceiverToken() {
    Map<String, byte[]> classes = instrumented();
    ClassNode priv = node(classes.get("fx.Priv"));
    assertEquals(List.of("token"), tokenCallsBefore(method(priv, "run"), "step"));
    assertEquals(List.of("token"), tokenCallsBefore(method(priv, "wide"), "step"));
    assertEquals(List.of("receiverToken"), tokenCallsBefore(method(node(classes.get("fx.Priv$Nested")), "viaOuter"), "step"));
    assertTrue(callsFrames(method(priv, "step"), "enterPrivate"), "a private method's entry accepts the plain token");
    assertFalse(callsFrames(method(priv, "run"), "enterPrivate"), "a public method's entry does not");
    ClassLoader loader = ClassFiles.childFirst(classes);
    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
      assertEquals("", ClassFiles.verify(e.getValue(), loader), e.getKey());
    }
  }

  private static Map<String, byte[]> instrumented() {
    return ClassFiles.instrument(ClassFiles.compile("fx.Priv", SOURCE), Selection.DECLARED);
  }

  private static ClassNode node(byte[] bytes) {
    ClassNode n = new ClassNode();
    new ClassReader(bytes).accept(n, 0);
    return n;
  }

  /** The original method, not its resume copy: the one whose name is exactly {@code name}. */
  private static MethodNode method(ClassNode c, String name) {
    return c.methods.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
  }

  /** For each call of {@code callee}, the Frames token method called last before it. */
  private static List<String> tokenCallsBefore(MethodNode m, String callee) {
    List<String> out = new ArrayList<>();
    for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
      if (!(i instanceof MethodInsnNode) || !((MethodInsnNode) i).name.equals(callee)) continue;
      for (AbstractInsnNode b = i.getPrevious(); b != null; b = b.getPrevious()) {
        if (b instanceof MethodInsnNode && ((MethodInsnNode) b).owner.endsWith("/Frames")) {
          out.add(((MethodInsnNode) b).name);
          break;
        }
      }
    }
    return out;
  }

  private static boolean callsFrames(MethodNode m, String name) {
    for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
      if (i instanceof MethodInsnNode && ((MethodInsnNode) i).owner.endsWith("/Frames")
          && ((MethodInsnNode) i).name.equals(name)) return true;
    }
    return false;
  }
}

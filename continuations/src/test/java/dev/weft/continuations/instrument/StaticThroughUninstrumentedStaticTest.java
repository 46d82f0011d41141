package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.SuspendException;
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
 * A static call has no receiver to tell its callee apart by, so its token names the class that
 * declares the target. Without that, an instrumented static method reached through an
 * uninstrumented static method of the same name and descriptor in another class (a facade that
 * delegates, {@code Facade.compute()} to {@code Base.compute()}) took its caller's token as its
 * own: the suspension went through the facade's frame, which was lost, and on resume the inner
 * result reached the outer call as if the facade had returned it (1007 instead of 1070).
 */
class StaticThroughUninstrumentedStaticTest {
  /** Statics and its nested classes are instrumented; Facade, in the same file, is not. */
  private static final String SOURCE = "package fx;\n"
      + "import dev.weft.continuations.*;\n"
      + "public class Statics {\n"
      + "  public static final ContinuationScope SCOPE = new ContinuationScope(\"statics\");\n"
      + "  public static class Base {\n"
      + "    public static int compute() throws Suspend { Continuation.suspend(SCOPE); return 7; }\n"
      + "  }\n"
      + "  public static class Sub extends Base {}\n"
      + "  public abstract static class Run implements SuspendableRunnable { public int result; }\n"
      + "  public static final class Direct extends Run {\n"
      + "    public void run() throws Suspend { result = Base.compute() + 1000; }\n"
      + "  }\n"
      + "  public static final class Inherited extends Run {\n" // names Sub, which only inherits compute()
      + "    public void run() throws Suspend { result = Sub.compute() + 1000; }\n"
      + "  }\n"
      + "  public static final class ThroughFacade extends Run {\n"
      + "    public void run() throws Suspend { result = Facade.compute() + 1000; }\n"
      + "  }\n"
      + "}\n"
      + "class Facade {\n"
      + "  static int compute() throws Suspend { return Statics.Base.compute() * 10; }\n"
      + "}\n";

  @Test
  void staticCalls_toTheDeclaringClass_orThroughASubclassThatInheritsIt_suspend() throws Exception {
    Map<String, byte[]> classes = load();
    assertEquals(1007, runToEnd(classes, "Direct"));
    assertEquals("fx/Statics$Sub", staticCallOwner(classes.get("fx.Statics$Inherited"), "compute"),
        "javac names the subclass: the instrumenter must resolve the declaring class itself");
    assertEquals(1007, runToEnd(classes, "Inherited"));
  }

  @Test
  void throughAnUninstrumentedStaticOfTheSameName_isRefused_namingIt() throws Exception {
    Map<String, byte[]> classes = load();
    SuspendException e = assertThrows(SuspendException.class, () -> runToEnd(classes, "ThroughFacade"));
    assertTrue(e.getMessage().contains("Facade.compute"), e.getMessage());
  }

  private static Map<String, byte[]> load() {
    return ClassFiles.instrument(ClassFiles.compile("fx.Statics", SOURCE), Selection.DECLARED, name -> !name.equals("fx.Facade"));
  }

  /** Runs {@code fx.Statics$<type>} in a continuation that must suspend exactly once; returns its result. */
  private static int runToEnd(Map<String, byte[]> classes, String type) throws Exception {
    ClassLoader loader = ClassFiles.childFirst(classes);
    ContinuationScope scope = (ContinuationScope) loader.loadClass("fx.Statics").getField("SCOPE").get(null);
    Object run = loader.loadClass("fx.Statics$" + type).getDeclaredConstructor().newInstance();
    Continuation k = new Continuation(scope, (SuspendableRunnable) run);
    k.run();
    assertFalse(k.isDone(), type + ": suspended once");
    k.run();
    assertTrue(k.isDone(), type);
    return run.getClass().getField("result").getInt(run);
  }

  private static String staticCallOwner(byte[] bytes, String name) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, 0);
    for (MethodNode m : node.methods) {
      if (!m.name.equals("run")) continue;
      for (AbstractInsnNode insn : m.instructions) {
        if (insn instanceof MethodInsnNode && ((MethodInsnNode) insn).name.equals(name)) return ((MethodInsnNode) insn).owner;
      }
    }
    throw new AssertionError("no call to " + name);
  }
}

package dev.weft.continuations.instrument.internal;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/** Selections that test the instrumenter on bytecode nobody wrote for Weft. */
public final class TestSelections {
  /** Every method with a body gets frame code, and every call is a suspension point. */
  public static final Selection EVERY_METHOD = new EveryMethod();

  /**
   * As {@link #EVERY_METHOD}, plus a suspension point before every call that suspends whenever the
   * innermost continuation is of {@code Injection.INJECTION}: saving and restoring at every possible
   * point must change no result.
   */
  public static final Selection INJECT = new Injection();

  private TestSelections() {}

  private static class EveryMethod extends Selection {
    @Override
    void prepare(ClassNode node, CallSiteClassifier classifier) {}

    @Override
    boolean selects(ClassNode owner, MethodNode m, LambdaBodies lambdas, CallSiteClassifier classifier) {
      return true;
    }

    @Override
    boolean isSuspensionPoint(ClassNode owner, MethodNode m, AbstractInsnNode insn, CallSiteClassifier classifier) {
      return CallSiteClassifier.isInvocation(insn);
    }
  }

  private static final class Injection extends EveryMethod {
    @Override
    void prepare(ClassNode node, CallSiteClassifier classifier) {
      for (MethodNode m : node.methods) {
        if (m.name.equals("<init>") || m.name.equals("<clinit>")) continue;
        for (AbstractInsnNode insn : m.instructions.toArray()) {
          if (insn instanceof MethodInsnNode && !((MethodInsnNode) insn).name.equals("<init>")) {
            m.instructions.insertBefore(insn, new MethodInsnNode(Opcodes.INVOKESTATIC, Descriptors.INJECTION, "inject", "()V", false));
          }
        }
      }
    }
  }
}

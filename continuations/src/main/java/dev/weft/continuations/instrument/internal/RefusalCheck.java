package dev.weft.continuations.instrument.internal;

import dev.weft.continuations.instrument.InstrumentationException;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Refusals the bytecode shows at instrumentation time (DESIGN.md, "Refusals, named"): a
 * constructor or static initialiser cannot keep a frame, so one that declares {@code throws
 * Suspend} and calls a suspendable method is refused, naming both. Monitors are refused at run
 * time, from the token the call site leaves (see {@link CallSite#token}).
 */
final class RefusalCheck {
  private RefusalCheck() {}

  static void checkInitializer(ClassNode node, MethodNode m, CallSiteClassifier classifier) {
    for (AbstractInsnNode insn : m.instructions) {
      if (!(insn instanceof MethodInsnNode)) continue;
      MethodInsnNode call = (MethodInsnNode) insn;
      if (call.name.equals("<init>") || call.owner.startsWith("[")) continue;
      if ((m.exceptions != null && classifier.declaresSuspend(m.exceptions)) && classifier.isSuspendable(call.owner, call.name, call.desc)) {
        throw new InstrumentationException("cannot instrument " + Naming.method(node, m) + Naming.where(node, call)
            + ": " + (m.name.equals("<init>") ? "a constructor" : "a static initialiser") + " cannot suspend, but it calls "
            + call.owner.replace('/', '.') + "." + call.name + call.desc
            + "; move the suspending call into a method (for example a static factory)");
      }
    }
  }
}

package dev.weft.continuations.instrument.internal;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Keeps the call-site token of a static call away from the class initializer that the call runs
 * first. A static call that is its class's first use runs {@code <clinit>} after the caller left
 * its token for the callee and before the callee takes it; an initializer that calls the same
 * method ({@code static final Zone GMT = zone("GMT")}, then {@code Zones.zone("UTC")} as the first
 * use) would otherwise hand the token to that inner call, which would take it as its own and
 * suspend through the initializer (never instrumented): the initializer would go on with a dummy
 * value and leave the field null for good.
 *
 * <pre>
 *   pending = Frames.enterInitializer()     takes the token off the carrier
 *   ... the initializer, unchanged ...
 *   Frames.leaveInitializer(pending)        before each return: the token back for the callee
 *   return
 * </pre>
 *
 * An initializer that throws needs nothing: the call it ran for fails with it.
 */
final class InitializerGuard {
  private InitializerGuard() {}

  static void guard(ClassNode node) {
    for (MethodNode m : node.methods) {
      if (m.name.equals("<clinit>") && m.instructions.size() > 0) guard(m);
    }
  }

  private static void guard(MethodNode m) {
    int pending = m.maxLocals;
    m.maxLocals += 2;
    InsnList entry = FrameCode.list();
    FrameCode.frames(entry, "enterInitializer", "()J");
    entry.add(new VarInsnNode(Opcodes.LSTORE, pending));
    for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
      if (i.getOpcode() != Opcodes.RETURN) continue;
      InsnList leave = FrameCode.list();
      leave.add(new VarInsnNode(Opcodes.LLOAD, pending));
      FrameCode.frames(leave, "leaveInitializer", "(J)V");
      m.instructions.insertBefore(i, leave);
    }
    m.instructions.insert(entry);
  }
}

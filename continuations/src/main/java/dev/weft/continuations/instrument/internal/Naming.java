package dev.weft.continuations.instrument.internal;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

/** How messages name methods and places, in the form {@code owner.method(descriptor)}. */
final class Naming {
  private Naming() {}

  static String method(ClassNode owner, MethodNode m) {
    return owner.name.replace('/', '.') + "." + m.name + m.desc;
  }

  /** {@code (File.java:line)} for the instruction, when debug information has it. */
  static String where(ClassNode owner, AbstractInsnNode insn) {
    for (AbstractInsnNode n = insn; n != null; n = n.getPrevious()) {
      if (n instanceof LineNumberNode) {
        return " (" + (owner.sourceFile == null ? "?" : owner.sourceFile) + ":" + ((LineNumberNode) n).line + ")";
      }
    }
    return owner.sourceFile == null ? "" : " (" + owner.sourceFile + ")";
  }
}

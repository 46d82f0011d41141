package dev.weft.continuations.instrument.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * The resume copy of a method before any code is emitted into it: {@code private static synthetic
 * m$weftN(Carrier, int)} with the same body, labels, handlers and local variable table, cloned.
 * It is what the dispatcher enters, so a resumed frame runs the same code as the original from
 * the saved call site on (DESIGN.md, "Restoring: eager first, then lazy").
 */
final class ResumeCopy {
  final MethodNode method;
  /** The call instruction of each site inside the copy, by site number. */
  final List<MethodInsnNode> calls = new ArrayList<>();

  private ResumeCopy(MethodNode method) {
    this.method = method;
  }

  static ResumeCopy of(MethodContext cx, List<CallSite> sites) {
    MethodNode original = cx.method;
    ResumeCopy copy = new ResumeCopy(new MethodNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
        Descriptors.copyName(original.name, cx.index), Descriptors.copyDescriptor(original.desc), null, null));
    MethodNode m = copy.method;
    Map<LabelNode, LabelNode> labels = new HashMap<>();
    for (AbstractInsnNode insn : original.instructions) {
      if (insn instanceof LabelNode) labels.put((LabelNode) insn, new LabelNode());
    }
    for (AbstractInsnNode insn : original.instructions) m.instructions.add(insn.clone(labels));
    for (CallSite site : sites) copy.calls.add((MethodInsnNode) m.instructions.get(original.instructions.indexOf(site.call)));
    for (TryCatchBlockNode t : original.tryCatchBlocks) {
      m.tryCatchBlocks.add(new TryCatchBlockNode(labels.get(t.start), labels.get(t.end), labels.get(t.handler), t.type));
    }
    if (original.localVariables != null) {
      m.localVariables = new ArrayList<>();
      for (LocalVariableNode v : original.localVariables) {
        m.localVariables.add(new LocalVariableNode(v.name, v.desc, v.signature, labels.get(v.start), labels.get(v.end), v.index));
      }
    }
    return copy;
  }
}

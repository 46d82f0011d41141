package dev.weft.continuations.instrument.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Which instructions of a method can run. javac emits no dead code, but ECJ and other compilers
 * do (ECJ 3.33's {@code EclipseFileManager.initialize} holds a call after a method that always
 * throws); a call there can never suspend, has no frame to save, and is not a suspension point.
 * The control flow graph is walked from the first instruction, without types.
 */
final class Reachability {
  private final InsnList instructions;
  private final boolean[] live;

  private Reachability(MethodNode method) {
    instructions = method.instructions;
    live = new boolean[instructions.size()];
    Deque<Integer> pending = new ArrayDeque<>();
    pending.push(0);
    while (!pending.isEmpty()) {
      int i = pending.pop();
      if (i >= live.length || live[i]) continue;
      live[i] = true;
      AbstractInsnNode insn = instructions.get(i);
      for (TryCatchBlockNode block : method.tryCatchBlocks) {
        if (index(block.start) <= i && i < index(block.end)) pending.push(index(block.handler));
      }
      if (insn instanceof JumpInsnNode) {
        pending.push(index(((JumpInsnNode) insn).label));
        if (insn.getOpcode() != Opcodes.GOTO) pending.push(i + 1);
      } else if (insn instanceof TableSwitchInsnNode) {
        TableSwitchInsnNode s = (TableSwitchInsnNode) insn;
        pending.push(index(s.dflt));
        for (LabelNode l : s.labels) pending.push(index(l));
      } else if (insn instanceof LookupSwitchInsnNode) {
        LookupSwitchInsnNode s = (LookupSwitchInsnNode) insn;
        pending.push(index(s.dflt));
        for (LabelNode l : s.labels) pending.push(index(l));
      } else if (!endsFlow(insn.getOpcode())) {
        pending.push(i + 1);
      }
    }
  }

  static Reachability of(MethodNode method) {
    return new Reachability(method);
  }

  boolean isReachable(AbstractInsnNode insn) {
    return live[instructions.indexOf(insn)];
  }

  private int index(LabelNode label) {
    return instructions.indexOf(label);
  }

  private static boolean endsFlow(int opcode) {
    return (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) || opcode == Opcodes.ATHROW || opcode == Opcodes.RET;
  }
}

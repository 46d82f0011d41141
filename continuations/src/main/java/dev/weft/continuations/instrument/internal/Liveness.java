package dev.weft.continuations.instrument.internal;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Which local variable slots a method may still read after each instruction: a suspension point
 * saves only those, and its resume puts the zero of its type in every other one (the verifier
 * still sees the types it expects; the value is never read). A frame that keeps a loop counter
 * it no longer needs, or the receiver of a method that only returns a sum after the call, saves
 * and restores that much less on every suspension.
 *
 * <p>Backward dataflow over the control-flow graph {@link FrameAnalysis} built: a slot is live
 * after an instruction if some path from there reads it before writing it. An exception edge
 * counts whether or not the instruction writes the slot (the exception may come first). The two
 * halves of a {@code long} or {@code double} are read and written together.
 *
 * <p>With {@code -Dweft.allLocals=true} at instrumentation time ({@code Weft.ALL_LOCALS_PROPERTY})
 * every local is saved, as before this analysis: a debugger stepping through a resumed frame then
 * shows the values of variables still in scope but no longer read (otherwise zero or null after a
 * resume, as Kotlin's "optimised out" variables).
 */
final class Liveness {
  private final BitSet[] liveOut;

  private Liveness(BitSet[] liveOut) {
    this.liveOut = liveOut;
  }

  /** Whether the analysis is on for this instrumentation run. */
  static boolean enabled() {
    return !Boolean.getBoolean(dev.weft.continuations.instrument.Weft.ALL_LOCALS_PROPERTY);
  }

  /** The slots live after each instruction of {@code method}, whose graph {@code analysis} holds. */
  static Liveness of(MethodNode method, FrameAnalysis analysis) {
    InsnList insns = method.instructions;
    int n = insns.size();
    BitSet[] use = new BitSet[n], def = new BitSet[n], in = new BitSet[n], out = new BitSet[n];
    for (int i = 0; i < n; i++) {
      use[i] = new BitSet();
      def[i] = new BitSet();
      in[i] = new BitSet();
      out[i] = new BitSet();
      access(insns.get(i), use[i], def[i]);
    }
    // Predecessors, normal and exceptional, so that a change re-queues only what it affects.
    @SuppressWarnings("unchecked")
    List<Integer>[] preds = new List[n];
    for (int i = 0; i < n; i++) preds[i] = new java.util.ArrayList<>(2);
    for (int i = 0; i < n; i++) {
      for (int s : analysis.successors.get(i)) preds[s].add(i);
      for (int h : analysis.handlers.get(i)) preds[h].add(i);
    }
    ArrayDeque<Integer> work = new ArrayDeque<>();
    boolean[] queued = new boolean[n];
    for (int i = n - 1; i >= 0; i--) {
      work.add(i);
      queued[i] = true;
    }
    BitSet scratch = new BitSet();
    while (!work.isEmpty()) {
      int i = work.poll();
      queued[i] = false;
      BitSet o = out[i];
      o.clear();
      for (int s : analysis.successors.get(i)) o.or(in[s]);
      // in = use | (out - def) | (live-in of handlers): a handler may be entered before the write
      scratch.clear();
      scratch.or(o);
      scratch.andNot(def[i]);
      scratch.or(use[i]);
      for (int h : analysis.handlers.get(i)) {
        scratch.or(in[h]);
        o.or(in[h]);
      }
      if (!scratch.equals(in[i])) {
        in[i].clear();
        in[i].or(scratch);
        for (int p : preds[i]) {
          if (!queued[p]) {
            queued[p] = true;
            work.add(p);
          }
        }
      }
    }
    return new Liveness(out);
  }

  /** Whether the local at {@code slot} may be read after the instruction at {@code index}. */
  boolean liveAfter(int index, int slot) {
    return liveOut[index].get(slot);
  }

  private static void access(AbstractInsnNode insn, BitSet use, BitSet def) {
    int op = insn.getOpcode();
    if (insn instanceof VarInsnNode) {
      int v = ((VarInsnNode) insn).var;
      switch (op) {
        case Opcodes.ILOAD: case Opcodes.FLOAD: case Opcodes.ALOAD: case Opcodes.RET:
          use.set(v);
          break;
        case Opcodes.LLOAD: case Opcodes.DLOAD:
          use.set(v, v + 2);
          break;
        case Opcodes.ISTORE: case Opcodes.FSTORE: case Opcodes.ASTORE:
          def.set(v);
          break;
        case Opcodes.LSTORE: case Opcodes.DSTORE:
          def.set(v, v + 2);
          break;
        default:
          break;
      }
    } else if (insn instanceof IincInsnNode) {
      use.set(((IincInsnNode) insn).var); // read before it is written: not a def that kills
    }
  }
}

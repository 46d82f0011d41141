package dev.weft.continuations.instrument.internal;

import dev.weft.continuations.instrument.InstrumentationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Moves object creation after the evaluation of constructor arguments that suspend.
 *
 * <p>{@code new Foo(await(x))} compiles to {@code new Foo; dup; <args>; invokespecial <init>},
 * leaving two uninitialised references on the operand stack across the suspending call, which no
 * frame can save. This rewrites each such pair to {@code <args>; store args; new Foo; dup; load
 * args; invokespecial <init>}, as Kotlin's compiler does. The only visible change is that the
 * class {@code Foo} is initialised after its arguments are evaluated instead of before.
 */
final class UninitializedRewriter {
  private UninitializedRewriter() {}

  /** Rewrites {@code method} in place; returns true if anything changed. */
  static boolean rewrite(ClassNode owner, MethodNode method, Set<AbstractInsnNode> sites) {
    if (sites.isEmpty()) return false;
    boolean hasNew = false;
    for (AbstractInsnNode insn : method.instructions) {
      if (insn.getOpcode() == Opcodes.NEW) hasNew = true;
    }
    if (!hasNew) return false;
    Frame<SourceValue>[] frames;
    try {
      frames = new Analyzer<>(new SourceInterpreter()).analyze(owner.name, method);
    } catch (AnalyzerException e) {
      throw new InstrumentationException("cannot analyse " + Naming.method(owner, method) + ": " + e.getMessage(), e);
    }
    InsnList insns = method.instructions;
    List<Runnable> edits = new ArrayList<>();
    for (int i = 0; i < insns.size(); i++) {
      AbstractInsnNode insn = insns.get(i);
      if (insn.getOpcode() != Opcodes.INVOKESPECIAL || !((MethodInsnNode) insn).name.equals("<init>")) continue;
      Frame<SourceValue> f = frames[i];
      if (f == null) continue;
      MethodInsnNode init = (MethodInsnNode) insn;
      Type[] args = Type.getArgumentTypes(init.desc);
      int receiverIndex = f.getStackSize() - args.length - 1;
      if (receiverIndex < 0) continue;
      SourceValue receiver = f.getStack(receiverIndex);
      if (receiver.insns.size() != 1) continue;
      AbstractInsnNode dup = receiver.insns.iterator().next();
      if (dup.getOpcode() != Opcodes.DUP) continue; // "this" in a constructor, or not javac's shape
      int dupIndex = insns.indexOf(dup);
      AbstractInsnNode created = insns.get(dupIndex).getPrevious();
      while (created != null && created.getOpcode() < 0) created = created.getPrevious();
      if (created == null || created.getOpcode() != Opcodes.NEW) {
        if (crossesSite(insns, dupIndex, i, sites)) {
          throw new InstrumentationException("cannot instrument " + Naming.method(owner, method) + Naming.where(owner, insn)
              + ": a suspending call happens between creating an object and calling its constructor, in a shape the"
              + " instrumenter does not know; assign the constructor arguments to local variables first");
        }
        continue;
      }
      if (!crossesSite(insns, insns.indexOf(created), i, sites)) continue;
      final AbstractInsnNode newInsn = created;
      edits.add(() -> hoist(method, (TypeInsnNode) newInsn, dup, init, args));
    }
    for (Runnable edit : edits) edit.run();
    return !edits.isEmpty();
  }

  private static boolean crossesSite(InsnList insns, int from, int to, Set<AbstractInsnNode> sites) {
    for (int j = from + 1; j < to; j++) {
      if (sites.contains(insns.get(j))) return true;
    }
    return false;
  }

  private static void hoist(MethodNode method, TypeInsnNode created, AbstractInsnNode dup, MethodInsnNode init, Type[] args) {
    InsnList insns = method.instructions;
    insns.remove(created);
    insns.remove(dup);
    InsnList before = new InsnList();
    int[] slots = new int[args.length];
    int next = method.maxLocals;
    for (int a = 0; a < args.length; a++) {
      slots[a] = next;
      next += args[a].getSize();
    }
    method.maxLocals = next;
    for (int a = args.length - 1; a >= 0; a--) before.add(new VarInsnNode(args[a].getOpcode(Opcodes.ISTORE), slots[a]));
    before.add(new TypeInsnNode(Opcodes.NEW, created.desc));
    before.add(new InsnNode(Opcodes.DUP));
    for (int a = 0; a < args.length; a++) before.add(new VarInsnNode(args[a].getOpcode(Opcodes.ILOAD), slots[a]));
    insns.insertBefore(init, before);
  }
}

package dev.weft.continuations.instrument.internal;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Which suspension points of a method are tail calls whose frame need not be saved (see
 * {@code dev.weft.continuations.internal.ElidesTailCalls}): only in methods carrying that
 * annotation, and only where resuming the frame could do nothing but return the call's value.
 */
final class TailCalls {
  static final String ELIDES_DESC = "L" + Descriptors.PACKAGE + "internal/ElidesTailCalls;";

  private TailCalls() {}

  /** Whether {@code method} asks for its tail calls to be elided. */
  static boolean elides(MethodNode method) {
    return has(method.invisibleAnnotations) || has(method.visibleAnnotations);
  }

  /**
   * Whether {@code call} (at instruction {@code index}) is a tail call: the next instruction that
   * executes is the return of the method's own type, the callee returns that same type (references
   * of any class, since no cast lies in between), nothing stays below its arguments on the operand
   * stack, and no handler covers it (a resumed call could otherwise throw into that handler). The
   * caller checks that no monitor is held.
   */
  static boolean isTail(MethodNode method, MethodInsnNode call, int index, int stackBelow) {
    if (stackBelow != 0 || coveredByHandler(method, index)) return false;
    Type own = Type.getReturnType(method.desc), callee = Type.getReturnType(call.desc);
    if (!sameSlotType(own, callee)) return false;
    AbstractInsnNode next = call.getNext();
    while (next != null && next.getOpcode() < 0) next = next.getNext(); // labels, line numbers, frames
    return next != null && next.getOpcode() == own.getOpcode(Opcodes.IRETURN);
  }

  /* Exactly the same primitive type (a boolean frame must not hand on an int's kind), or both references. */
  private static boolean sameSlotType(Type a, Type b) {
    boolean refA = a.getSort() == Type.OBJECT || a.getSort() == Type.ARRAY;
    boolean refB = b.getSort() == Type.OBJECT || b.getSort() == Type.ARRAY;
    return refA ? refB : a.equals(b);
  }

  private static boolean coveredByHandler(MethodNode method, int index) {
    for (TryCatchBlockNode t : method.tryCatchBlocks) {
      int start = method.instructions.indexOf(t.start), end = method.instructions.indexOf(t.end);
      if (index >= start && index < end) return true;
    }
    return false;
  }

  private static boolean has(List<AnnotationNode> annotations) {
    if (annotations == null) return false;
    for (AnnotationNode a : annotations) {
      if (a.desc.equals(ELIDES_DESC)) return true;
    }
    return false;
  }
}

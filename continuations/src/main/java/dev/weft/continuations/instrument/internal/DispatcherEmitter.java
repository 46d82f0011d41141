package dev.weft.continuations.instrument.internal;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The class's one resume entry (DESIGN.md, "Restoring: eager first, then lazy"): the runner calls
 * it, through the {@code ResumeEntry} lambda each saved record holds, to re-enter a saved frame.
 *
 * <pre>
 * private static synthetic weft$resume(Carrier c, long header):
 *   tableswitch (Frames.method(header)) -> call[n]
 * call[n]:
 *   Frames.returnX(c, m$weftN(c, Frames.site(header)))     hands the result to the caller's frame
 *   return
 * </pre>
 */
final class DispatcherEmitter {
  private DispatcherEmitter() {}

  /** The dispatcher over {@code copies}, the resume copies of {@code originals} in the same order. */
  static MethodNode emit(ClassNode node, List<MethodNode> originals, List<MethodNode> copies) {
    MethodNode d = new MethodNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
        Descriptors.DISPATCHER, Descriptors.DISPATCHER_DESC, null, null);
    boolean isInterface = (node.access & Opcodes.ACC_INTERFACE) != 0;
    InsnList l = d.instructions;
    l.add(new VarInsnNode(Opcodes.LLOAD, 1));
    FrameCode.frames(l, "method", "(J)I");
    LabelNode[] targets = new LabelNode[copies.size()];
    for (int i = 0; i < targets.length; i++) targets[i] = new LabelNode();
    l.add(new TableSwitchInsnNode(0, targets.length - 1, targets[0], targets));
    for (int i = 0; i < targets.length; i++) {
      MethodNode copy = copies.get(i);
      l.add(targets[i]);
      l.add(new VarInsnNode(Opcodes.ALOAD, 0));
      l.add(new VarInsnNode(Opcodes.ALOAD, 0));
      l.add(new VarInsnNode(Opcodes.LLOAD, 1));
      FrameCode.frames(l, "site", "(J)I");
      l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, node.name, copy.name, copy.desc, isInterface));
      FrameCode.returnValue(l, Type.getReturnType(originals.get(i).desc));
      l.add(new InsnNode(Opcodes.RETURN));
    }
    d.maxLocals = 3;
    InstrumentedMarker.mark(d);
    return d;
  }
}

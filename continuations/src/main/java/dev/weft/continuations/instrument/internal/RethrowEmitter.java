package dev.weft.continuations.instrument.internal;

import static dev.weft.continuations.instrument.internal.Descriptors.CARRIER_DESC;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Where a resume copy throws what its resumed callee threw (DESIGN.md, "Restoring: eager first,
 * then lazy"). The stub sits after the body but under the same handlers as the call, so a failure
 * of the resumed callee is caught exactly where the original call would have been.
 *
 * <pre>
 * rethrow[i]:                                 covered by a copy of every handler covering call i
 *   athrow Frames.takePending(c)
 * rethrowEnd[i]:
 * </pre>
 */
final class RethrowEmitter {
  private RethrowEmitter() {}

  /** Adds to {@code handlers} a copy, over the stub, of each handler of {@code copy} that covers {@code call}. */
  static void handlers(MethodNode copy, AbstractInsnNode call, LabelNode rethrow, LabelNode end, List<TryCatchBlockNode> handlers) {
    int callIndex = copy.instructions.indexOf(call);
    for (TryCatchBlockNode t : copy.tryCatchBlocks) {
      if (copy.instructions.indexOf(t.start) <= callIndex && callIndex < copy.instructions.indexOf(t.end)) {
        handlers.add(new TryCatchBlockNode(rethrow, end, t.handler, t.type));
      }
    }
  }

  static void stub(InsnList l, MethodContext cx, LabelNode rethrow, LabelNode end) {
    l.add(rethrow);
    FrameCode.carrier(l, cx.carrierLocal);
    FrameCode.frames(l, "takePending", "(" + CARRIER_DESC + ")Ljava/lang/Throwable;");
    l.add(new InsnNode(Opcodes.ATHROW));
    l.add(end);
  }
}

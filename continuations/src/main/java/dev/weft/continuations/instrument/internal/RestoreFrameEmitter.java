package dev.weft.continuations.instrument.internal;

import static dev.weft.continuations.instrument.internal.Descriptors.CARRIER;
import static dev.weft.continuations.instrument.internal.Descriptors.CARRIER_DESC;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The entry of a resume copy {@code m$weftN(Carrier c, int site)}: jumps to the saved call site,
 * reloads the frame, and goes on after the call with what the resumed callee returned (DESIGN.md,
 * "Restoring: eager first, then lazy").
 *
 * <pre>
 *   c = arg0; dirty = 0                       the caller is the runner: no token to check
 *   tableswitch (arg1) -> restore[i]
 * restore[i]:
 *   local = (T) Frames.getX(c, slot) ...      every saved local; aconst_null for a known null, the zero
 *                                             of its type for a local not read after the call
 *   push (T) Frames.getX(c, slot) ...         the operands below the call, bottom first
 *   Frames.pop(c)                             the record leaves the stack
 *   if (c.pending != null) goto rethrow[i]    see {@link RethrowEmitter}
 *   push (T) Frames.resultX(c)                nothing for a void callee
 *   goto continue[i]                          see {@link CallSiteEmitter}
 * </pre>
 */
final class RestoreFrameEmitter {
  private RestoreFrameEmitter() {}

  static InsnList entry(MethodContext cx, LabelNode[] restores) {
    InsnList l = FrameCode.list();
    // Parameters (carrier, site) may share slots with the body's locals: read both before storing.
    l.add(new VarInsnNode(Opcodes.ILOAD, 1));
    l.add(new VarInsnNode(Opcodes.ALOAD, 0));
    l.add(new VarInsnNode(Opcodes.ASTORE, cx.carrierLocal));
    l.add(new InsnNode(Opcodes.ICONST_0));
    l.add(new VarInsnNode(Opcodes.ISTORE, cx.dirtyLocal));
    l.add(new TableSwitchInsnNode(0, restores.length - 1, restores[0], restores));
    return l;
  }

  /**
   * The restore of a tail call site, which saves no record: unreachable unless a record names a
   * site it was not made at, which is refused by name rather than resumed at random.
   */
  static void noRecord(InsnList l, LabelNode restore) {
    l.add(restore);
    l.add(new TypeInsnNode(Opcodes.NEW, "java/lang/IllegalStateException"));
    l.add(new InsnNode(Opcodes.DUP));
    l.add(new LdcInsnNode("weft: a record names a tail call site, where no frame is saved (mismatched instrumentation)"));
    l.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "(Ljava/lang/String;)V", false));
    l.add(new InsnNode(Opcodes.ATHROW));
  }

  static void restore(InsnList l, MethodContext cx, CallSite site, LabelNode restore, LabelNode rethrow, LabelNode resume) {
    l.add(restore);
    for (CallSite.Value v : site.locals) {
      FrameCode.get(l, cx.carrierLocal, v);
      FrameCode.store(l, v);
    }
    for (CallSite.Value v : site.stack) FrameCode.get(l, cx.carrierLocal, v);
    FrameCode.carrier(l, cx.carrierLocal);
    FrameCode.frames(l, "pop", "(" + CARRIER_DESC + ")V");
    FrameCode.carrier(l, cx.carrierLocal);
    l.add(new FieldInsnNode(Opcodes.GETFIELD, CARRIER, "pending", "Ljava/lang/Throwable;"));
    l.add(new JumpInsnNode(Opcodes.IFNONNULL, rethrow));
    FrameCode.result(l, cx.carrierLocal, site.returnType);
    l.add(new JumpInsnNode(Opcodes.GOTO, resume));
  }
}

package dev.weft.continuations.instrument.internal;

import static dev.weft.continuations.instrument.internal.Descriptors.CARRIER_DESC;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The entry of an instrumented method: fetches the carrier once, and checks the token its caller
 * left (DESIGN.md, "Refusals, named").
 *
 * <pre>
 *   c = Frames.carrier()
 *   dirty = Frames.enter(c, #"m(desc)")    the token a clean call site leaves for this method (an int: 0 = clean)
 * </pre>
 */
final class EntryEmitter {
  private EntryEmitter() {}

  static void emit(MethodContext cx, String expectedToken) {
    InsnList l = FrameCode.list();
    FrameCode.frames(l, "carrier", "()" + CARRIER_DESC);
    l.add(new InsnNode(Opcodes.DUP));
    l.add(new VarInsnNode(Opcodes.ASTORE, cx.carrierLocal));
    l.add(new LdcInsnNode(dev.weft.continuations.internal.abi.Frames.tokenOf(expectedToken)));
    FrameCode.frames(l, "enter", "(" + CARRIER_DESC + "J)I");
    l.add(new VarInsnNode(Opcodes.ISTORE, cx.dirtyLocal));
    cx.method.instructions.insert(l);
  }
}

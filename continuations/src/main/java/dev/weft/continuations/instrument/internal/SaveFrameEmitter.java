package dev.weft.continuations.instrument.internal;

import static dev.weft.continuations.instrument.internal.Descriptors.CARRIER_DESC;

import dev.weft.continuations.internal.abi.Frames;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;

/**
 * The out-of-line block a frame unwinds through at one suspension point (DESIGN.md, "Frame
 * storage", "Unwinding"): saves what is live into the carrier's arrays, then returns a dummy.
 *
 * <pre>
 * save[i]:
 *   pop                                       the callee's dummy result
 *   temp[k] = operand ...                     the operands below the call's arguments, top first
 *   Frames.push(c, nRefs, nPrims, Owner::weft$resume, header(i, method, nPrims, nRefs))
 *   Frames.putX(c, slot, local) ...           every local read after the call, then every spilled operand
 *   return 0                                  or null, false, nothing: the zero of the return type
 * </pre>
 *
 * Known nulls take no slot: the restore pushes {@code aconst_null} for them; nor do locals nothing
 * reads after the call ({@link Liveness}): the restore pushes their type's zero.
 */
final class SaveFrameEmitter {
  private SaveFrameEmitter() {}

  static InsnList emit(MethodContext cx, CallSite site, LabelNode save) {
    InsnList l = FrameCode.list();
    l.add(save);
    FrameCode.pop(l, site.returnType);
    for (int j = site.stack.size() - 1; j >= 0; j--) FrameCode.store(l, site.stack.get(j));
    FrameCode.carrier(l, cx.carrierLocal);
    FrameCode.intConst(l, site.refCount);
    FrameCode.intConst(l, site.primCount);
    FrameCode.resumeEntry(l, cx.owner.name, cx.ownerIsInterface);
    l.add(new LdcInsnNode(Frames.header(site.number, cx.index, site.primCount, site.refCount)));
    FrameCode.frames(l, "push", "(" + CARRIER_DESC + "IIL" + Descriptors.RESUME_ENTRY + ";J)V");
    for (CallSite.Value v : site.locals) if (v.slot >= 0) FrameCode.put(l, cx.carrierLocal, v);
    for (CallSite.Value v : site.stack) if (v.slot >= 0) FrameCode.put(l, cx.carrierLocal, v);
    FrameCode.returnZero(l, cx.returnType());
    return l;
  }
}

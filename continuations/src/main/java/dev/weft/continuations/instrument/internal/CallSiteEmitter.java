package dev.weft.continuations.instrument.internal;

import static dev.weft.continuations.instrument.internal.Descriptors.CARRIER;
import static dev.weft.continuations.instrument.internal.Descriptors.CARRIER_DESC;

import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Around one suspension point: the token before the call, the unwinding check after it (DESIGN.md,
 * "Unwinding").
 *
 * <pre>
 *   c.token = Frames.token(#"f()V", dirty)    a long, see Frames.tokenOf; Frames.monitorSite(c, "where") inside synchronized
 *   invoke f()V
 *   if (c.unwinding) goto save[i]             see {@link SaveFrameEmitter}
 * continue[i]:                                where a resumed frame goes on
 * </pre>
 *
 * A call the runtime has a direct form of ({@code Continuation.suspend(scope)}, and the injection
 * point {@code Injection.inject()} of the verification mode) is replaced by that form, which takes the carrier and the token as
 * arguments instead of finding the carrier again: {@code Frames.suspend(scope, c, token)}.
 */
final class CallSiteEmitter {
  private static final String TAKES_CARRIER = CARRIER_DESC + "J)V";
  /** Static calls, by owner.name+desc, to the ABI method (owner, name, desc) that replaces them. */
  private static final Map<String, String[]> DIRECT = Map.of(
      Descriptors.CONTINUATION + ".suspend(" + Descriptors.SCOPE_DESC + ")V",
      new String[] {Descriptors.FRAMES, "suspend", "(" + Descriptors.SCOPE_DESC + TAKES_CARRIER},
      Descriptors.INJECTION + ".inject()V", new String[] {Descriptors.INJECTION, "inject", "(" + TAKES_CARRIER});

  private CallSiteEmitter() {}

  /** Emits around {@code call} in {@code target}; returns the label after the check. */
  static LabelNode emit(MethodNode target, MethodContext cx, CallSite site, MethodInsnNode call, LabelNode save) {
    call = emitToken(target, cx, site, call);
    LabelNode resume = new LabelNode();
    InsnList after = FrameCode.list();
    FrameCode.ifUnwinding(after, cx.carrierLocal, save);
    after.add(resume);
    target.instructions.insert(call, after);
    return resume;
  }

  /**
   * Emits the token before {@code call} (or its direct form, which takes the token as an argument)
   * and returns the call as it now stands: all a tail call gets, since it needs no check.
   */
  static MethodInsnNode emitToken(MethodNode target, MethodContext cx, CallSite site, MethodInsnNode call) {
    InsnList before = FrameCode.list();
    FrameCode.carrier(before, cx.carrierLocal);
    if (site.holdsMonitor) {
      FrameCode.carrier(before, cx.carrierLocal);
      before.add(new LdcInsnNode(site.token));
      FrameCode.frames(before, "monitorSite", "(" + CARRIER_DESC + "Ljava/lang/String;)J");
    } else {
      before.add(new LdcInsnNode(dev.weft.continuations.internal.abi.Frames.tokenOf(site.token)));
      before.add(new VarInsnNode(Opcodes.ILOAD, cx.dirtyLocal));
      FrameCode.frames(before, "token", "(JI)J");
    }
    String[] direct = call.getOpcode() == Opcodes.INVOKESTATIC ? DIRECT.get(call.owner + "." + call.name + call.desc) : null;
    if (direct != null) {
      before.add(new MethodInsnNode(Opcodes.INVOKESTATIC, direct[0], direct[1], direct[2], false));
      MethodInsnNode replacement = (MethodInsnNode) before.getLast();
      target.instructions.insertBefore(call, before);
      target.instructions.remove(call);
      call = replacement;
    } else {
      before.add(new FieldInsnNode(Opcodes.PUTFIELD, CARRIER, "token", "J"));
      target.instructions.insertBefore(call, before);
    }
    return call;
  }
}

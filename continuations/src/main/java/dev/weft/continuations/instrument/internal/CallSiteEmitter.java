package dev.weft.continuations.instrument.internal;

import static dev.weft.continuations.instrument.internal.Descriptors.CARRIER;
import static dev.weft.continuations.instrument.internal.Descriptors.CARRIER_DESC;

import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
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
 *                                             with a receiver, Frames.receiverToken: see receiverToken below
 *                                             (but not for a private method of the same class, see callsOwnPrivate)
 *                                             a super call: Frames.superToken, mixed with the calling class
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
    if (site.superCall) {
      superToken(target, cx, site, call);
      return call;
    }
    // A receiver whose static type is a final class: its class is known here, so the token mixed
    // with it is a dynamic constant resolved once, and the call needs neither its receiver nor a
    // hash (a null receiver throws in the call itself).
    boolean mixed = !site.holdsMonitor && hasReceiver(call) && !callsOwnPrivate(cx, call);
    boolean exact = mixed && site.exactReceiver && EntryEmitter.canHoldDynamicConstants(cx);
    if (mixed && !exact) {
      receiverToken(target, cx, site, call);
      return call;
    }
    InsnList before = FrameCode.list();
    FrameCode.carrier(before, cx.carrierLocal);
    if (site.holdsMonitor) {
      FrameCode.carrier(before, cx.carrierLocal);
      before.add(new LdcInsnNode(site.token));
      FrameCode.frames(before, "monitorSite", "(" + CARRIER_DESC + "Ljava/lang/String;)J");
    } else {
      long token = dev.weft.continuations.internal.abi.Frames.tokenOf(site.token);
      before.add(new LdcInsnNode(exact ? FrameCode.mixedToken(token, call.owner) : token));
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

  private static boolean hasReceiver(MethodInsnNode call) {
    return call.getOpcode() != Opcodes.INVOKESTATIC && !call.name.equals("<init>");
  }

  /*
   * A call of a private instance method of the class being instrumented names exactly one method,
   * instrumented with this one, and only its class's nest can call it: the plain token is enough
   * (Frames.enterPrivate accepts it), and the call pays no receiver-class hash.
   */
  private static boolean callsOwnPrivate(MethodContext cx, MethodInsnNode call) {
    if (!call.owner.equals(cx.owner.name)) return false;
    for (MethodNode m : cx.owner.methods) {
      if (m.name.equals(call.name) && m.desc.equals(call.desc)) {
        return (m.access & (Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC)) == Opcodes.ACC_PRIVATE;
      }
    }
    return false;
  }

  /** {@code c.token = Frames.superToken(#"f()V", Caller.class, dirty)}: no receiver's class to look up. */
  private static void superToken(MethodNode target, MethodContext cx, CallSite site, MethodInsnNode call) {
    InsnList before = FrameCode.list();
    FrameCode.carrier(before, cx.carrierLocal);
    before.add(new LdcInsnNode(dev.weft.continuations.internal.abi.Frames.tokenOf(site.token)));
    before.add(new LdcInsnNode(Type.getObjectType(cx.owner.name)));
    before.add(new VarInsnNode(Opcodes.ILOAD, cx.dirtyLocal));
    FrameCode.frames(before, "superToken", "(JLjava/lang/Class;I)J");
    before.add(new FieldInsnNode(Opcodes.PUTFIELD, CARRIER, "token", "J"));
    target.instructions.insertBefore(call, before);
  }

  /** Local slots {@link #receiverToken} spills {@code call}'s arguments to; 0 for a call without a receiver. */
  static int argSpillSize(MethodInsnNode call) {
    if (!hasReceiver(call)) return 0;
    return (Type.getArgumentsAndReturnSizes(call.desc) >> 2) - 1;
  }

  /**
   * The token of a call with a receiver ({@code Frames.receiverToken}): the arguments are spilled
   * to temporaries so the receiver under them can be read, then put back.
   *
   * <pre>
   *   store argN ... arg1                  to cx.argBase...
   *   dup; c; swap                         receiver, c, receiver
   *   c.token = Frames.receiverToken(receiver, #"f()V", dirty)
   *   load arg1 ... argN
   * </pre>
   */
  private static void receiverToken(MethodNode target, MethodContext cx, CallSite site, MethodInsnNode call) {
    Type[] args = Type.getArgumentTypes(call.desc);
    int[] slots = new int[args.length];
    int next = cx.argBase;
    for (int i = 0; i < args.length; i++) {
      slots[i] = next;
      next += args[i].getSize();
    }
    InsnList before = FrameCode.list();
    for (int i = args.length - 1; i >= 0; i--) before.add(new VarInsnNode(args[i].getOpcode(Opcodes.ISTORE), slots[i]));
    before.add(new InsnNode(Opcodes.DUP));
    FrameCode.carrier(before, cx.carrierLocal);
    before.add(new InsnNode(Opcodes.SWAP));
    before.add(new LdcInsnNode(dev.weft.continuations.internal.abi.Frames.tokenOf(site.token)));
    before.add(new VarInsnNode(Opcodes.ILOAD, cx.dirtyLocal));
    FrameCode.frames(before, "receiverToken", "(Ljava/lang/Object;JI)J");
    before.add(new FieldInsnNode(Opcodes.PUTFIELD, CARRIER, "token", "J"));
    for (int i = 0; i < args.length; i++) before.add(new VarInsnNode(args[i].getOpcode(Opcodes.ILOAD), slots[i]));
    target.instructions.insertBefore(call, before);
  }
}

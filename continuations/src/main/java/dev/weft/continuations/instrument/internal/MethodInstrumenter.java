package dev.weft.continuations.instrument.internal;

import static dev.weft.continuations.instrument.internal.Descriptors.CARRIER;
import static dev.weft.continuations.instrument.internal.Descriptors.CARRIER_DESC;
import static dev.weft.continuations.instrument.internal.FrameCode.carrier;
import static dev.weft.continuations.instrument.internal.FrameCode.frames;

import dev.weft.continuations.instrument.InstrumentationException;
import dev.weft.continuations.internal.abi.Frames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Rewrites one method so its frame can be saved at each suspension point, and builds its resume
 * copy. See DESIGN.md, "Layer 1".
 *
 * <pre>
 * original m(args):                          copy m$weftN(Carrier c, int site), static:
 *   c = Frames.carrier()                       dirty = null
 *   dirty = Frames.enter(c, "m(desc)")         tableswitch site -> restore[i]
 *   ...                                      restore[i]:
 *   c.token = Frames.token("f()V", dirty)      locals[k] = Frames.getX(c, slot); ...
 *   invoke f()V                                push saved operands; Frames.pop(c, ...)
 *   if (c.unwinding) goto save[i]              if (c.pending != null) goto rethrow[i]
 * continue[i]:                                 push Frames.resultX(c); goto continue[i]
 *   ...                                      ...the same body as the original...
 * save[i]:                                   rethrow[i]:   (under the call's exception handlers)
 *   pop result; spill operands                 athrow Frames.takePending(c)
 *   Frames.push(c, nRefs, nPrims, entry, header); Frames.putX(c, slot, value) ...
 *   return 0
 * </pre>
 */
final class MethodInstrumenter {
  private final ClassNode owner;
  private final MethodNode method;
  private final int methodIndex;
  private final boolean ownerIsInterface;
  private final List<CallSite> sites = new ArrayList<>();
  /** The call instruction of each site inside the resume copy. */
  private final List<MethodInsnNode> copyCalls = new ArrayList<>();
  private final int carrierLocal, dirtyLocal, tempBase;
  private int extraLocals;

  private MethodInstrumenter(ClassNode owner, MethodNode method, int methodIndex) {
    this.owner = owner;
    this.method = method;
    this.methodIndex = methodIndex;
    this.ownerIsInterface = (owner.access & Opcodes.ACC_INTERFACE) != 0;
    this.carrierLocal = method.maxLocals;
    this.dirtyLocal = method.maxLocals + 1;
    this.tempBase = method.maxLocals + 2;
  }

  /**
   * Instruments {@code method} in place at the given call sites and returns its resume copy.
   *
   * @param expectedToken the token a clean caller leaves: the method's own name and descriptor,
   *     or its functional interface method's for a lambda body
   */
  static MethodNode instrument(ClassNode owner, MethodNode method, int methodIndex, List<MethodInsnNode> calls,
      TypeHierarchy hierarchy, String expectedToken) {
    if (calls.size() > 0xFFFF) {
      throw new InstrumentationException("cannot instrument " + Naming.method(owner, method) + ": more than 65535 suspension points");
    }
    MethodInstrumenter m = new MethodInstrumenter(owner, method, methodIndex);
    m.layOut(calls, hierarchy);
    MethodNode copy = m.copy();
    m.emitOriginal(expectedToken);
    m.emitCopy(copy);
    method.maxLocals += m.extraLocals;
    copy.maxLocals = method.maxLocals;
    return copy;
  }

  private void layOut(List<MethodInsnNode> calls, TypeHierarchy hierarchy) {
    FrameAnalysis analysis = FrameAnalysis.of(owner, method, hierarchy);
    boolean[] monitors = MonitorRegions.of(method, analysis.successors, analysis.handlers);
    int temps = 0;
    for (MethodInsnNode call : calls) {
      int index = method.instructions.indexOf(call);
      CallSite site = CallSite.of(owner, method, sites.size(), call, analysis.frames[index], monitors[index], tempBase);
      if (site.refCount > 0xFFFF || site.primCount > 0xFFFF) {
        throw new InstrumentationException("cannot instrument " + Naming.method(owner, method) + ": frame too large");
      }
      temps = Math.max(temps, site.tempSize());
      sites.add(site);
    }
    extraLocals = 2 + temps;
  }

  /** A static copy of the method body, with labels and handlers cloned; sites are mapped by index. */
  private MethodNode copy() {
    MethodNode copy = new MethodNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
        Descriptors.copyName(method.name, methodIndex), Descriptors.copyDescriptor(method.desc), null, null);
    Map<LabelNode, LabelNode> labels = new HashMap<>();
    for (AbstractInsnNode insn : method.instructions) {
      if (insn instanceof LabelNode) labels.put((LabelNode) insn, new LabelNode());
    }
    for (AbstractInsnNode insn : method.instructions) copy.instructions.add(insn.clone(labels));
    for (CallSite site : sites) copyCalls.add((MethodInsnNode) copy.instructions.get(method.instructions.indexOf(site.call)));
    for (TryCatchBlockNode t : method.tryCatchBlocks) {
      copy.tryCatchBlocks.add(new TryCatchBlockNode(labels.get(t.start), labels.get(t.end), labels.get(t.handler), t.type));
    }
    if (method.localVariables != null) {
      copy.localVariables = new ArrayList<>();
      for (LocalVariableNode v : method.localVariables) {
        copy.localVariables.add(new LocalVariableNode(v.name, v.desc, v.signature, labels.get(v.start), labels.get(v.end), v.index));
      }
    }
    return copy;
  }

  private void emitOriginal(String expectedToken) {
    InsnList prologue = FrameCode.list();
    frames(prologue, "carrier", "()" + CARRIER_DESC);
    prologue.add(new InsnNode(Opcodes.DUP));
    prologue.add(new VarInsnNode(Opcodes.ASTORE, carrierLocal));
    prologue.add(new LdcInsnNode(expectedToken));
    frames(prologue, "enter", "(" + CARRIER_DESC + "Ljava/lang/Object;)Ljava/lang/Object;");
    prologue.add(new VarInsnNode(Opcodes.ASTORE, dirtyLocal));
    method.instructions.insert(prologue);
    for (CallSite site : sites) emitSite(method, site, site.call);
  }

  private void emitCopy(MethodNode copy) {
    InsnList prologue = FrameCode.list();
    // Parameters (carrier, site) may share slots with the body's locals: read both before storing.
    prologue.add(new VarInsnNode(Opcodes.ILOAD, 1));
    prologue.add(new VarInsnNode(Opcodes.ALOAD, 0));
    prologue.add(new VarInsnNode(Opcodes.ASTORE, carrierLocal));
    prologue.add(new InsnNode(Opcodes.ACONST_NULL));
    prologue.add(new VarInsnNode(Opcodes.ASTORE, dirtyLocal));
    LabelNode[] restores = new LabelNode[sites.size()];
    for (int i = 0; i < restores.length; i++) restores[i] = new LabelNode();
    prologue.add(new TableSwitchInsnNode(0, restores.length - 1, restores[0], restores));
    List<TryCatchBlockNode> rethrowHandlers = new ArrayList<>();
    InsnList tail = FrameCode.list();
    for (CallSite site : sites) {
      MethodInsnNode call = copyCalls.get(site.number);
      LabelNode rethrow = new LabelNode(), rethrowEnd = new LabelNode();
      int callIndex = copy.instructions.indexOf(call);
      for (TryCatchBlockNode t : copy.tryCatchBlocks) {
        if (copy.instructions.indexOf(t.start) <= callIndex && callIndex < copy.instructions.indexOf(t.end)) {
          rethrowHandlers.add(new TryCatchBlockNode(rethrow, rethrowEnd, t.handler, t.type));
        }
      }
      LabelNode resume = emitSite(copy, site, call);
      prologue.add(restores[site.number]);
      for (CallSite.Value v : site.locals) {
        FrameCode.get(prologue, carrierLocal, v);
        prologue.add(new VarInsnNode(v.type == null ? Opcodes.ASTORE : v.type.getOpcode(Opcodes.ISTORE), v.local));
      }
      for (CallSite.Value v : site.stack) FrameCode.get(prologue, carrierLocal, v);
      carrier(prologue, carrierLocal);
      FrameCode.intConst(prologue, site.refCount);
      FrameCode.intConst(prologue, site.primCount);
      frames(prologue, "pop", "(" + CARRIER_DESC + "II)V");
      carrier(prologue, carrierLocal);
      prologue.add(new FieldInsnNode(Opcodes.GETFIELD, CARRIER, "pending", "Ljava/lang/Throwable;"));
      prologue.add(new JumpInsnNode(Opcodes.IFNONNULL, rethrow));
      FrameCode.result(prologue, carrierLocal, site.returnType);
      prologue.add(new JumpInsnNode(Opcodes.GOTO, resume));

      // The rethrow stub sits outside the body but under the same handlers as the call, so a
      // failure of the resumed callee is caught exactly where the original call would have been.
      tail.add(rethrow);
      carrier(tail, carrierLocal);
      frames(tail, "takePending", "(" + CARRIER_DESC + ")Ljava/lang/Throwable;");
      tail.add(new InsnNode(Opcodes.ATHROW));
      tail.add(rethrowEnd);
    }
    copy.instructions.insert(prologue);
    copy.instructions.add(tail);
    copy.tryCatchBlocks.addAll(rethrowHandlers);
  }

  /**
   * Around one call: the token before it, the unwinding check after it, and the out-of-line save
   * block at the end of the method. Returns the label right after the check, where a resumed
   * frame continues.
   */
  private static boolean isInjectionPoint(MethodInsnNode call) {
    return call.owner.equals(Descriptors.FRAMES) && call.name.equals("inject") && call.desc.equals("()V");
  }

  private static boolean isContinuationSuspend(MethodInsnNode call) {
    return call.getOpcode() == Opcodes.INVOKESTATIC && call.owner.equals("dev/weft/continuations/Continuation")
        && call.name.equals("suspend") && call.desc.equals("(Ldev/weft/continuations/ContinuationScope;)V");
  }

  private LabelNode emitSite(MethodNode target, CallSite site, MethodInsnNode call) {
    InsnList before = FrameCode.list();
    carrier(before, carrierLocal);
    before.add(new LdcInsnNode(site.token));
    if (!site.holdsMonitor) {
      before.add(new VarInsnNode(Opcodes.ALOAD, dirtyLocal));
      frames(before, "token", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;");
    }
    if (isContinuationSuspend(call) || isInjectionPoint(call)) {
      // Hand the carrier and token straight to the runtime: no thread-local lookup per suspend.
      if (isInjectionPoint(call)) {
        frames(before, "inject", "(" + CARRIER_DESC + "Ljava/lang/Object;)V");
      } else {
        frames(before, "suspend", "(Ldev/weft/continuations/ContinuationScope;" + CARRIER_DESC + "Ljava/lang/Object;)V");
      }
      AbstractInsnNode replaced = before.getLast();
      target.instructions.insertBefore(call, before);
      target.instructions.remove(call);
      call = (MethodInsnNode) replaced;
    } else {
      before.add(new FieldInsnNode(Opcodes.PUTFIELD, CARRIER, "token", "Ljava/lang/Object;"));
      target.instructions.insertBefore(call, before);
    }

    LabelNode save = new LabelNode(), resume = new LabelNode();
    InsnList after = FrameCode.list();
    FrameCode.ifUnwinding(after, carrierLocal, save);
    after.add(resume);
    target.instructions.insert(call, after);

    InsnList block = FrameCode.list();
    block.add(save);
    FrameCode.pop(block, site.returnType);
    for (int j = site.stack.size() - 1; j >= 0; j--) {
      CallSite.Value v = site.stack.get(j);
      block.add(new VarInsnNode(v.type == null ? Opcodes.ASTORE : v.type.getOpcode(Opcodes.ISTORE), v.local));
    }
    carrier(block, carrierLocal);
    FrameCode.intConst(block, site.refCount);
    FrameCode.intConst(block, site.primCount);
    FrameCode.resumeEntry(block, owner.name, ownerIsInterface);
    block.add(new LdcInsnNode(Frames.header(site.number, methodIndex, site.primCount, site.refCount)));
    frames(block, "push", "(" + CARRIER_DESC + "IIL" + Descriptors.RESUME_ENTRY + ";J)V");
    for (CallSite.Value v : site.locals) if (v.type != null) FrameCode.put(block, carrierLocal, v);
    for (CallSite.Value v : site.stack) if (v.type != null) FrameCode.put(block, carrierLocal, v);
    FrameCode.returnZero(block, Type.getReturnType(method.desc));
    target.instructions.add(block);
    return resume;
  }
}

package dev.weft.continuations.instrument.internal;

import static dev.weft.continuations.instrument.internal.Descriptors.CARRIER_DESC;

import dev.weft.continuations.internal.abi.Frames;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The entry of an instrumented method: fetches the carrier once, and checks the token its caller
 * left (DESIGN.md, "Refusals, named").
 *
 * <pre>
 *   c = Frames.carrier()                         or the first parameter, if it is a Carrier
 *   dirty = Frames.enter(c, #"Owner.m(desc)")    static: the token a clean call site leaves for this method (an int: 0 = clean)
 *   dirty = Frames.enter(c, this, Owner.class, #"m(desc)")    instance: that token mixed with the receiver's class
 *   dirty = Frames.enterPrivate(c, this, Owner.class, #"m(desc)")  private instance: the plain token, or mixed from a nestmate
 *   dirty = Frames.enterLambda(c, Owner.class, i)  lambda body i: the tokens noted for its metafactory classes
 * </pre>
 */
final class EntryEmitter {
  private EntryEmitter() {}

  static void emit(MethodContext cx, LambdaBodies lambdas) {
    MethodNode m = cx.method;
    InsnList l = FrameCode.list();
    int given = carrierParameter(m);
    if (given >= 0) {
      l.add(new VarInsnNode(Opcodes.ALOAD, given));
    } else {
      FrameCode.frames(l, "carrier", "()" + CARRIER_DESC);
    }
    l.add(new InsnNode(Opcodes.DUP));
    l.add(new VarInsnNode(Opcodes.ASTORE, cx.carrierLocal));
    int body = lambdas.index(m.name + m.desc);
    boolean isStatic = (m.access & Opcodes.ACC_STATIC) != 0;
    long own = Frames.tokenOf(isStatic ? Frames.staticTokenName(cx.owner.name, m.name, m.desc) : m.name + m.desc);
    if (body >= 0) {
      l.add(new LdcInsnNode(Type.getObjectType(cx.owner.name)));
      FrameCode.intConst(l, body);
      FrameCode.frames(l, "enterLambda", "(" + CARRIER_DESC + "Ljava/lang/Class;I)I");
    } else if (isStatic) {
      l.add(new LdcInsnNode(own));
      FrameCode.frames(l, "enter", "(" + CARRIER_DESC + "J)I");
    } else {
      l.add(new VarInsnNode(Opcodes.ALOAD, 0));
      l.add(new LdcInsnNode(Type.getObjectType(cx.owner.name)));
      l.add(new LdcInsnNode(own));
      boolean isPrivate = (m.access & Opcodes.ACC_PRIVATE) != 0;
      if (!isPrivate && !cx.ownerIsInterface && canHoldDynamicConstants(cx)) {
        // the token mixed with this very class, resolved once: no hash on an exact receiver's entry
        l.add(new LdcInsnNode(FrameCode.mixedToken(own, cx.owner.name)));
        FrameCode.frames(l, "enter", "(" + CARRIER_DESC + "Ljava/lang/Object;Ljava/lang/Class;JJ)I");
      } else {
        FrameCode.frames(l, isPrivate ? "enterPrivate" : "enter", "(" + CARRIER_DESC + "Ljava/lang/Object;Ljava/lang/Class;J)I");
      }
    }
    l.add(new VarInsnNode(Opcodes.ISTORE, cx.dirtyLocal));
    m.instructions.insert(l);
  }

  /* Dynamic constants (ldc of a CONSTANT_Dynamic) need a class file of Java 11 or later. */
  static boolean canHoldDynamicConstants(MethodContext cx) {
    return (cx.owner.version & 0xFFFF) >= Opcodes.V11;
  }

  /*
   * The local slot of a first parameter of type Carrier, or -1. Weft's own layers pass the carrier
   * they already hold down their statically bound suspendable methods this way (a generator's
   * next, resume and step): the callee's entry takes it instead of looking it up again.
   */
  private static int carrierParameter(MethodNode m) {
    Type[] args = Type.getArgumentTypes(m.desc);
    if (args.length == 0 || !args[0].getDescriptor().equals(CARRIER_DESC)) return -1;
    return (m.access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
  }

  /**
   * Replaces each {@code Frames.carrier()} call in the method's own code with a load of its
   * carrier local, so that a method passing its carrier on (see {@link #carrierParameter}) pays
   * no lookup for it. Run before any code is emitted, on the method as written.
   */
  static void reuseCarrier(MethodContext cx) {
    for (AbstractInsnNode insn : cx.method.instructions.toArray()) {
      if (insn.getOpcode() != Opcodes.INVOKESTATIC) continue;
      MethodInsnNode call = (MethodInsnNode) insn;
      if (call.owner.equals(Descriptors.FRAMES) && call.name.equals("carrier") && call.desc.equals("()" + CARRIER_DESC)) {
        cx.method.instructions.set(call, new VarInsnNode(Opcodes.ALOAD, cx.carrierLocal));
      }
    }
  }
}

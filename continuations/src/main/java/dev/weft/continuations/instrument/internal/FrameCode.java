package dev.weft.continuations.instrument.internal;

import static dev.weft.continuations.instrument.internal.Descriptors.CARRIER;
import static dev.weft.continuations.instrument.internal.Descriptors.CARRIER_DESC;
import static dev.weft.continuations.instrument.internal.Descriptors.FRAMES;

import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The small bytecode shapes the emitters are made of, each one call to {@code Frames} or one
 * field access on the {@code Carrier}. See DESIGN.md, "Layer 1".
 */
final class FrameCode {
  private static final String METAFACTORY_DESC = "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
      + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;"
      + "Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;";

  private FrameCode() {}

  static InsnList list() {
    return new InsnList();
  }

  /* The bootstrap of {@link #mixedToken}: Frames.mixedToken(Lookup, String, Class, long, Class). */
  private static final Handle MIXED_TOKEN = new Handle(Opcodes.H_INVOKESTATIC, FRAMES, "mixedToken",
      "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;JLjava/lang/Class;)J", false);

  /** A dynamic constant of {@code Frames.mix(token, receiverClass)}, for an ldc (class files of Java 11 and later). */
  static ConstantDynamic mixedToken(long token, String receiverClass) {
    return new ConstantDynamic("weftToken", "J", MIXED_TOKEN, token, Type.getObjectType(receiverClass));
  }

  static void frames(InsnList l, String name, String desc) {
    l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, FRAMES, name, desc, false));
  }

  static void carrier(InsnList l, int carrierLocal) {
    l.add(new VarInsnNode(Opcodes.ALOAD, carrierLocal));
  }

  static void intConst(InsnList l, int v) {
    if (v >= -1 && v <= 5) l.add(new InsnNode(Opcodes.ICONST_0 + v));
    else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) l.add(new IntInsnNode(Opcodes.BIPUSH, v));
    else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) l.add(new IntInsnNode(Opcodes.SIPUSH, v));
    else l.add(new LdcInsnNode(v));
  }

  /** {@code carrier.unwinding} then {@code ifne target}. */
  static void ifUnwinding(InsnList l, int carrierLocal, LabelNode target) {
    carrier(l, carrierLocal);
    l.add(new FieldInsnNode(Opcodes.GETFIELD, CARRIER, "unwinding", "Z"));
    l.add(new JumpInsnNode(Opcodes.IFNE, target));
  }

  /** The class's resume entry: a constant lambda over its {@code weft$resume} dispatcher. */
  static void resumeEntry(InsnList l, String owner, boolean ownerIsInterface) {
    Type sam = Type.getMethodType(Descriptors.DISPATCHER_DESC);
    l.add(new InvokeDynamicInsnNode("resume", "()L" + Descriptors.RESUME_ENTRY + ";",
        new Handle(Opcodes.H_INVOKESTATIC, Descriptors.METAFACTORY_OWNER, "metafactory", METAFACTORY_DESC, false),
        sam, new Handle(Opcodes.H_INVOKESTATIC, owner, Descriptors.DISPATCHER, Descriptors.DISPATCHER_DESC, ownerIsInterface),
        sam));
  }

  /** Stores the value on top of the stack into the record slot of {@code v}. */
  static void put(InsnList l, int carrierLocal, CallSite.Value v) {
    carrier(l, carrierLocal);
    intConst(l, v.slot);
    l.add(new VarInsnNode(v.type.getOpcode(Opcodes.ILOAD), v.local));
    frames(l, "put" + kind(v.type), "(" + CARRIER_DESC + "I" + slotDesc(v.type) + ")V");
  }

  /** Stores the value on top of the stack into the local of {@code v}. */
  static void store(InsnList l, CallSite.Value v) {
    l.add(new VarInsnNode(v.type == null ? Opcodes.ASTORE : v.type.getOpcode(Opcodes.ISTORE), v.local));
  }

  /** Pushes the saved value of {@code v}, cast back to its type; a known null, or a dead local's zero, without a slot. */
  static void get(InsnList l, int carrierLocal, CallSite.Value v) {
    if (v.type == null) {
      l.add(new InsnNode(Opcodes.ACONST_NULL));
      return;
    }
    if (v.slot < 0) {
      zero(l, v.type);
      return;
    }
    carrier(l, carrierLocal);
    intConst(l, v.slot);
    frames(l, "get" + kind(v.type), "(" + CARRIER_DESC + "I)" + slotDesc(v.type));
    checkcast(l, v.type);
  }

  static void checkcast(InsnList l, Type t) {
    if ((t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY) && !t.getInternalName().equals("java/lang/Object")) {
      l.add(new TypeInsnNode(Opcodes.CHECKCAST, t.getInternalName()));
    }
  }

  /** Pushes the value the resumed callee returned, as {@code t}. */
  static void result(InsnList l, int carrierLocal, Type t) {
    if (t.getSort() == Type.VOID) return;
    carrier(l, carrierLocal);
    frames(l, "result" + kind(t), "(" + CARRIER_DESC + ")" + slotDesc(t));
    narrow(l, t);
    checkcast(l, t);
  }

  /** Stores the value of type {@code t} on top of the stack as the frame's return value. */
  static void returnValue(InsnList l, Type t) {
    switch (t.getSort()) {
      case Type.VOID: frames(l, "returnVoid", "(" + CARRIER_DESC + ")V"); return;
      case Type.BOOLEAN: frames(l, "returnBoolean", "(" + CARRIER_DESC + "Z)V"); return;
      case Type.BYTE: frames(l, "returnByte", "(" + CARRIER_DESC + "B)V"); return;
      case Type.CHAR: frames(l, "returnChar", "(" + CARRIER_DESC + "C)V"); return;
      case Type.SHORT: frames(l, "returnShort", "(" + CARRIER_DESC + "S)V"); return;
      default: frames(l, "return" + kind(t), "(" + CARRIER_DESC + slotDesc(t) + ")V");
    }
  }

  /** Returns the zero value of {@code t}: what an unwinding frame hands its caller. */
  static void returnZero(InsnList l, Type t) {
    if (t.getSort() == Type.VOID) {
      l.add(new InsnNode(Opcodes.RETURN));
      return;
    }
    zero(l, t);
    l.add(new InsnNode(t.getOpcode(Opcodes.IRETURN)));
  }

  /** Pushes the zero value of {@code t} (not void). */
  static void zero(InsnList l, Type t) {
    switch (t.getSort()) {
      case Type.LONG: l.add(new InsnNode(Opcodes.LCONST_0)); break;
      case Type.FLOAT: l.add(new InsnNode(Opcodes.FCONST_0)); break;
      case Type.DOUBLE: l.add(new InsnNode(Opcodes.DCONST_0)); break;
      case Type.OBJECT: case Type.ARRAY: l.add(new InsnNode(Opcodes.ACONST_NULL)); break;
      default: l.add(new InsnNode(Opcodes.ICONST_0));
    }
  }

  static void pop(InsnList l, Type t) {
    if (t.getSort() == Type.VOID) return;
    l.add(new InsnNode(t.getSize() == 2 ? Opcodes.POP2 : Opcodes.POP));
  }

  private static void narrow(InsnList l, Type t) {
    switch (t.getSort()) {
      case Type.BOOLEAN: case Type.BYTE: l.add(new InsnNode(Opcodes.I2B)); break;
      case Type.CHAR: l.add(new InsnNode(Opcodes.I2C)); break;
      case Type.SHORT: l.add(new InsnNode(Opcodes.I2S)); break;
      default: break;
    }
    if (t.getSort() == Type.BOOLEAN) {
      // i2b keeps any byte; a boolean must be 0 or 1
      l.add(new InsnNode(Opcodes.ICONST_1));
      l.add(new InsnNode(Opcodes.IAND));
    }
  }

  static String kind(Type t) {
    switch (t.getSort()) {
      case Type.BOOLEAN: case Type.BYTE: case Type.CHAR: case Type.SHORT: case Type.INT: return "Int";
      case Type.LONG: return "Long";
      case Type.FLOAT: return "Float";
      case Type.DOUBLE: return "Double";
      default: return "Ref";
    }
  }

  /** The descriptor of a record slot holding {@code t}: ints for every small integral type. */
  static String slotDesc(Type t) {
    switch (kind(t)) {
      case "Int": return "I";
      case "Long": return "J";
      case "Float": return "F";
      case "Double": return "D";
      default: return "Ljava/lang/Object;";
    }
  }
}

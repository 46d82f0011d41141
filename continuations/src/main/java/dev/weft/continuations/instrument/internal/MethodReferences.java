package dev.weft.continuations.instrument.internal;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Gives every method reference to a suspendable method a lambda body of its own, as javac does
 * for lambda expressions.
 *
 * <p>{@code SuspendableCallable<Integer> c = Repo::load} makes the metafactory's class call
 * {@code Repo.load} directly, so the call site that invoked {@code c.call()} left the token
 * {@code call()Ljava/lang/Object;} while {@code load} expects its own name: the suspension would be
 * refused. Pointing the metafactory at a synthetic bridge {@code weft$ref$N} that calls
 * {@code Repo.load} at a regular suspension point keeps both tokens right.
 */
final class MethodReferences {
  private MethodReferences() {}

  /** Rewrites the class's method references to suspendable methods; returns how many. */
  static int desugar(ClassNode node, CallSiteClassifier classifier) {
    boolean isInterface = (node.access & Opcodes.ACC_INTERFACE) != 0;
    List<MethodNode> bridges = new ArrayList<>();
    for (MethodNode m : node.methods) {
      for (AbstractInsnNode insn : m.instructions) {
        if (!(insn instanceof InvokeDynamicInsnNode)) continue;
        InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
        if (!indy.bsm.getOwner().equals(Descriptors.METAFACTORY_OWNER) || indy.bsmArgs.length < 3
            || !(indy.bsmArgs[1] instanceof Handle)) {
          continue;
        }
        Handle impl = (Handle) indy.bsmArgs[1];
        int kind = impl.getTag();
        if (kind == Opcodes.H_NEWINVOKESPECIAL || impl.getOwner().equals(node.name) && LambdaBodies.isSynthetic(node, impl)) continue;
        if (kind == Opcodes.H_INVOKESPECIAL && !impl.getOwner().equals(node.name)) continue;
        if (!classifier.isSuspendable(impl.getOwner(), impl.getName(), impl.getDesc())) continue;
        MethodNode bridge = bridge(node, impl, bridges.size());
        bridges.add(bridge);
        indy.bsmArgs[1] = new Handle(Opcodes.H_INVOKESTATIC, node.name, bridge.name, bridge.desc, isInterface);
      }
    }
    node.methods.addAll(bridges);
    return bridges.size();
  }

  private static MethodNode bridge(ClassNode node, Handle impl, int index) {
    boolean isStatic = impl.getTag() == Opcodes.H_INVOKESTATIC;
    Type implType = Type.getMethodType(impl.getDesc());
    List<Type> params = new ArrayList<>();
    if (!isStatic) params.add(Type.getObjectType(impl.getOwner()));
    params.addAll(List.of(implType.getArgumentTypes()));
    String desc = Type.getMethodDescriptor(implType.getReturnType(), params.toArray(new Type[0]));
    MethodNode bridge = new MethodNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
        "weft$ref$" + index, desc, null, new String[] {Descriptors.SUSPEND});
    int slot = 0;
    for (Type p : params) {
      bridge.instructions.add(new VarInsnNode(p.getOpcode(Opcodes.ILOAD), slot));
      slot += p.getSize();
    }
    int opcode;
    switch (impl.getTag()) {
      case Opcodes.H_INVOKESTATIC: opcode = Opcodes.INVOKESTATIC; break;
      case Opcodes.H_INVOKEINTERFACE: opcode = Opcodes.INVOKEINTERFACE; break;
      case Opcodes.H_INVOKESPECIAL: opcode = Opcodes.INVOKESPECIAL; break;
      default: opcode = Opcodes.INVOKEVIRTUAL;
    }
    bridge.instructions.add(new MethodInsnNode(opcode, impl.getOwner(), impl.getName(), impl.getDesc(), impl.isInterface()));
    bridge.instructions.add(new InsnNode(implType.getReturnType().getOpcode(Opcodes.IRETURN)));
    bridge.maxLocals = slot;
    bridge.maxStack = Math.max(slot, implType.getReturnType().getSize());
    return bridge;
  }
}

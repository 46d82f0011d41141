package dev.weft.continuations.instrument.internal;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The class's lambda bodies: the synthetic methods its {@code LambdaMetafactory} call sites point
 * at. A lambda body is entered from the metafactory's class, so the token its caller left is made
 * of that class and the functional interface method, not of the body (see {@code LambdaTokens}).
 */
final class LambdaBodies {
  /** Body name+descriptor to its index, which its entry and its metafactory call sites agree on. */
  private final Map<String, Integer> indices;

  private LambdaBodies(Map<String, Integer> indices) {
    this.indices = indices;
  }

  static LambdaBodies of(ClassNode node) {
    Map<String, Integer> indices = new HashMap<>();
    for (MethodNode m : node.methods) {
      for (AbstractInsnNode insn : m.instructions) {
        if (!(insn instanceof InvokeDynamicInsnNode)) continue;
        InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
        if (!indy.bsm.getOwner().equals(Descriptors.METAFACTORY_OWNER) || indy.bsmArgs.length < 3) continue;
        if (!(indy.bsmArgs[0] instanceof Type) || !(indy.bsmArgs[1] instanceof Handle)) continue;
        Handle impl = (Handle) indy.bsmArgs[1];
        if (impl.getOwner().equals(node.name) && isSynthetic(node, impl)) {
          indices.putIfAbsent(impl.getName() + impl.getDesc(), indices.size());
        }
      }
    }
    return new LambdaBodies(indices);
  }

  boolean isBody(MethodNode m) {
    return indices.containsKey(m.name + m.desc);
  }

  /** The index of body {@code nameAndDesc} (see {@code LambdaTokens}), or -1 if it is none. */
  int index(String nameAndDesc) {
    return indices.getOrDefault(nameAndDesc, -1);
  }

  /** Whether {@code impl} names a synthetic method of {@code node}: a lambda body or bridge javac or Weft made. */
  static boolean isSynthetic(ClassNode node, Handle impl) {
    for (MethodNode m : node.methods) {
      if (m.name.equals(impl.getName()) && m.desc.equals(impl.getDesc())) return (m.access & Opcodes.ACC_SYNTHETIC) != 0;
    }
    return false;
  }
}

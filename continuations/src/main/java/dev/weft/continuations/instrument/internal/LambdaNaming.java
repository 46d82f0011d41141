package dev.weft.continuations.instrument.internal;

import java.util.List;
import java.util.Map;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Names suspendable lambdas after what they call (see {@code LambdaNames}), and lets their bodies
 * know their callers (see {@code LambdaTokens}): each {@code LambdaMetafactory} call site whose
 * body is one of the class's instrumented methods is pointed at {@code LambdaNames}'s factory of
 * the same name, with the name and the body's index as two more arguments.
 */
final class LambdaNaming {
  private static final String OWNER = "dev/weft/continuations/internal/abi/LambdaNames";
  private static final Handle BSM = new Handle(Opcodes.H_INVOKESTATIC, OWNER, "metafactory",
      "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodType;"
          + "Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;Ljava/lang/String;I)Ljava/lang/invoke/CallSite;",
      false);
  private static final Handle ALT_BSM = new Handle(Opcodes.H_INVOKESTATIC, OWNER, "altMetafactory",
      "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;[Ljava/lang/Object;)"
          + "Ljava/lang/invoke/CallSite;",
      false);

  private LambdaNaming() {}

  /** {@code calls}: each instrumented method's suspension points, by name+descriptor. */
  static void rename(ClassNode node, Map<String, List<MethodInsnNode>> calls, LambdaBodies lambdas) {
    for (MethodNode m : node.methods) {
      for (AbstractInsnNode insn : m.instructions) {
        if (!(insn instanceof InvokeDynamicInsnNode)) continue;
        InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
        if (!indy.bsm.getOwner().equals(Descriptors.METAFACTORY_OWNER) || indy.bsmArgs.length < 3
            || !(indy.bsmArgs[1] instanceof Handle)) {
          continue;
        }
        boolean alt = indy.bsm.getName().equals("altMetafactory");
        if (!alt && (!indy.bsm.getName().equals("metafactory") || indy.bsmArgs.length != 3)) continue;
        Handle impl = (Handle) indy.bsmArgs[1];
        if (!impl.getOwner().equals(node.name)) continue;
        List<MethodInsnNode> bodyCalls = calls.get(impl.getName() + impl.getDesc());
        if (bodyCalls == null) continue;
        // -1 for an instrumented method that is not a body (a method reference): named, not noted
        int body = lambdas.index(impl.getName() + impl.getDesc());
        Object[] args = java.util.Arrays.copyOf(indy.bsmArgs, indy.bsmArgs.length + 2);
        args[args.length - 2] = name(node, impl, bodyCalls);
        args[args.length - 1] = body;
        indy.bsm = alt ? ALT_BSM : BSM;
        indy.bsmArgs = args;
      }
    }
  }

  private static String name(ClassNode node, Handle impl, List<MethodInsnNode> bodyCalls) {
    MethodInsnNode only = null;
    int users = 0;
    for (MethodInsnNode c : bodyCalls) {
      if (c.owner.startsWith("dev/weft/") && !c.owner.equals(node.name)) continue; // Weft's API: await, sleep...
      only = c;
      users++;
    }
    if (users == 1) return simple(only.owner) + "." + only.name;
    String enclosing = impl.getName();
    if (enclosing.startsWith("lambda$")) {
      int end = enclosing.indexOf('$', 7);
      enclosing = end < 0 ? enclosing.substring(7) : enclosing.substring(7, end);
      if (enclosing.equals("static")) enclosing = "<clinit>";
      else if (enclosing.equals("new")) enclosing = "<init>";
    }
    return simple(node.name) + "." + enclosing + ".<lambda>";
  }

  private static String simple(String internalName) {
    return internalName.substring(internalName.lastIndexOf('/') + 1).replace('$', '.');
  }
}

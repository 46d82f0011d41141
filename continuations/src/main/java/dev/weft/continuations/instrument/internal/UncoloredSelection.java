package dev.weft.continuations.instrument.internal;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * {@link Selection}'s rule plus library code declared suspendable ({@link Suspendables}): a listed
 * method gets frame code and every call in it is a suspension point, since the library cannot say
 * which of its calls reach a callback that suspends; a call to a listed method, from anywhere, is
 * a suspension point.
 *
 * <p>A call is matched by the class it names, as the instruction names it: a listed method reached
 * through a subclass outside the list ({@code MySet.addAll} inherited from a listed class) is not
 * a suspension point of the caller; list the subclass too.
 */
final class UncoloredSelection extends Selection {
  private final Suspendables suspendables;

  UncoloredSelection(Suspendables suspendables) {
    this.suspendables = suspendables;
  }

  @Override
  boolean selects(ClassNode owner, MethodNode m, LambdaBodies lambdas, CallSiteClassifier classifier) {
    return suspendables.coversMethod(owner.name, m.name) || super.selects(owner, m, lambdas, classifier);
  }

  @Override
  boolean isSuspensionPoint(ClassNode owner, MethodNode m, AbstractInsnNode insn, CallSiteClassifier classifier) {
    if (!CallSiteClassifier.isInvocation(insn)) return false;
    if (suspendables.coversMethod(owner.name, m.name)) return true;
    MethodInsnNode call = (MethodInsnNode) insn;
    return suspendables.coversMethod(call.owner, call.name) || classifier.isSuspensionPoint(insn);
  }
}

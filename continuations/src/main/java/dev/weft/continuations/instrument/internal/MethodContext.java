package dev.weft.continuations.instrument.internal;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What every emitter working on one method shares: the method, its index in the class's
 * dispatcher, and the locals instrumentation adds after the method's own, which the original and
 * its resume copy place at the same slots.
 */
final class MethodContext {
  final ClassNode owner;
  final MethodNode method;
  final int index;
  final boolean ownerIsInterface;
  /** The {@code Carrier} of the running thread. */
  final int carrierLocal;
  /** What {@code Frames.enter} returned: whether the caller left a clean token (see {@code Frames.token}). */
  final int dirtyLocal;
  /** First of the temporaries that operand stack values are spilled to on save. */
  final int tempBase;
  /** First of the temporaries a call's arguments are spilled to while its receiver's token is made. */
  int argBase;

  MethodContext(ClassNode owner, MethodNode method, int index) {
    this.owner = owner;
    this.method = method;
    this.index = index;
    this.ownerIsInterface = (owner.access & Opcodes.ACC_INTERFACE) != 0;
    this.carrierLocal = method.maxLocals;
    this.dirtyLocal = method.maxLocals + 1;
    this.tempBase = method.maxLocals + 2;
  }

  Type returnType() {
    return Type.getReturnType(method.desc);
  }
}

package dev.weft.continuations.instrument.internal;

import dev.weft.continuations.instrument.InstrumentationException;
import java.util.ArrayList;
import java.util.List;
import dev.weft.continuations.internal.abi.Frames;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * One suspension point and the layout of the frame saved there: which locals and which operand
 * stack values below the call's arguments are live, of which types, in which slots of the record.
 */
final class CallSite {
  /** A value saved in the record: a local variable or an operand-stack entry spilled to a local. */
  static final class Value {
    final int local;
    /** The value's type; {@code null} when the analysis proved it is the constant null. */
    final Type type;
    /**
     * Index among the record's reference or primitive slots; -1 for a known null, or for a local
     * nothing reads after the call (see {@link Liveness}), which the resume sets to its type's zero.
     */
    final int slot;

    Value(int local, Type type, int slot) {
      this.local = local;
      this.type = type;
      this.slot = slot;
    }

    boolean isReference() {
      return type == null || type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
    }
  }

  final int number;
  final MethodInsnNode call;
  final List<Value> locals = new ArrayList<>();
  /** Stack values below the call's arguments, bottom first, spilled to temporaries on save. */
  final List<Value> stack = new ArrayList<>();
  final Type returnType;
  /**
   * What the call's token is the hash of (see {@code Frames.tokenOf}): the target's name and
   * descriptor, for a static target preceded by its declaring class; or where the call is when it
   * holds a monitor.
   */
  final String token;
  /* What the runtime's direct forms of a suspension (Frames.suspend, Injection.inject) are tokened as: Continuation.suspend's name. */
  private static final String SUSPEND_NAME =
      Frames.staticTokenName(Descriptors.CONTINUATION, "suspend", "(" + Descriptors.SCOPE_DESC + ")V");
  final boolean holdsMonitor;
  /** A {@code super} call, whose token is mixed with the caller's class (see {@code Frames.superToken}). */
  final boolean superCall;
  /*
   * A call on a receiver whose static type is a final class: its token, mixed with that class, is
   * the same at every call and can be a constant (see CallSiteEmitter.emitToken).
   */
  boolean exactReceiver;
  /** A tail call of a method that elides them (see {@link TailCalls}): no record is saved here. */
  boolean tail;
  int refCount, primCount;

  private CallSite(int number, MethodInsnNode call, String token, boolean holdsMonitor, boolean superCall) {
    this.superCall = superCall;
    this.number = number;
    this.call = call;
    this.returnType = Type.getReturnType(call.desc);
    this.token = token;
    this.holdsMonitor = holdsMonitor;
  }

  /*
   * invokespecial of a method other than a constructor or one of the class's own (its private
   * methods, which javac before 11 also called with invokespecial): a call to a supertype's method.
   */
  private static boolean isSuperCall(ClassNode owner, MethodInsnNode call) {
    return call.getOpcode() == org.objectweb.asm.Opcodes.INVOKESPECIAL && !call.name.equals("<init>")
        && !call.owner.equals(owner.name);
  }

  /**
   * Lays out the frame at {@code call}. Temporaries for stack values start at {@code tempBase};
   * returns the site, whose {@link #tempSize()} says how many local slots they take. Only the
   * locals {@code liveness} says are read after the call take a slot (null: every local).
   */
  static CallSite of(ClassNode owner, MethodNode method, int number, MethodInsnNode call, Frame<BasicValue> frame,
      boolean holdsMonitor, int tempBase, CallSiteClassifier classifier, Liveness liveness) {
    // what the token is made of, or inside synchronized where the call is (for the message)
    boolean isStatic = call.getOpcode() == org.objectweb.asm.Opcodes.INVOKESTATIC;
    String token = holdsMonitor
        ? Naming.method(owner, method) + Naming.where(owner, call)
        : call.owner.equals(Descriptors.FRAMES) || call.owner.equals(Descriptors.INJECTION) ? SUSPEND_NAME
        : isStatic ? Frames.staticTokenName(classifier.declaringClass(call.owner, call.name, call.desc), call.name, call.desc)
        : call.name + call.desc;
    CallSite site = new CallSite(number, call, token, holdsMonitor, !isStatic && !holdsMonitor && isSuperCall(owner, call));
    site.exactReceiver = !isStatic && !site.superCall && !call.name.equals("<init>") && classifier.isFinalClass(call.owner);
    if (frame == null) {
      throw new InstrumentationException("cannot instrument " + Naming.method(owner, method) + Naming.where(owner, call)
          + ": unreachable call site");
    }
    int callIndex = method.instructions.indexOf(call);
    for (int i = 0; i < frame.getLocals(); i++) {
      BasicValue v = frame.getLocal(i);
      Type t = typeOf(owner, method, call, v, false);
      if (t == null && !isNull(v)) continue;
      boolean live = liveness == null || liveness.liveAfter(callIndex, i);
      site.locals.add(live ? site.value(i, isNull(v) ? null : t) : new Value(i, t, -1));
      if (t != null && t.getSize() == 2) i++;
    }
    int args = Type.getArgumentTypes(call.desc).length + (call.getOpcode() == org.objectweb.asm.Opcodes.INVOKESTATIC ? 0 : 1);
    int below = frame.getStackSize() - args;
    int temp = tempBase;
    for (int j = 0; j < below; j++) {
      BasicValue v = frame.getStack(j);
      Type t = typeOf(owner, method, call, v, true);
      site.stack.add(site.value(temp, isNull(v) ? null : t));
      temp += t == null ? 1 : t.getSize();
    }
    return site;
  }

  private Value value(int local, Type type) {
    int slot = -1;
    if (type != null) {
      boolean ref = type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
      slot = ref ? refCount++ : primCount++;
    }
    return new Value(local, type, slot);
  }

  /** Local slots taken by the spilled stack values. */
  int tempSize() {
    int size = 0;
    for (Value v : stack) size += v.type == null ? 1 : v.type.getSize();
    return size;
  }

  private static boolean isNull(BasicValue v) {
    return v != null && v.getType() != null && v.getType().getSort() == Type.OBJECT
        && v.getType().getInternalName().equals("null");
  }

  private static Type typeOf(ClassNode owner, MethodNode method, MethodInsnNode call, BasicValue v, boolean onStack) {
    if (v == null || v == BasicValue.UNINITIALIZED_VALUE || v.getType() == null) {
      if (onStack) {
        throw new InstrumentationException("cannot instrument " + Naming.method(owner, method) + Naming.where(owner, call)
            + ": an operand of unknown type is live across the suspending call");
      }
      return null;
    }
    if (v == BasicValue.RETURNADDRESS_VALUE) {
      throw new InstrumentationException("cannot instrument " + Naming.method(owner, method) + Naming.where(owner, call)
          + ": a suspending call inside a jsr subroutine (class files older than Java 6) is not supported");
    }
    if (isNull(v)) return null;
    Type t = v.getType();
    switch (t.getSort()) {
      case Type.BOOLEAN: case Type.BYTE: case Type.CHAR: case Type.SHORT: case Type.INT:
        return Type.INT_TYPE;
      default:
        return t;
    }
  }
}

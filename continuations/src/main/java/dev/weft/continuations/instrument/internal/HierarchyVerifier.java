package dev.weft.continuations.instrument.internal;

import dev.weft.continuations.instrument.InstrumentationException;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/**
 * ASM's {@link SimpleVerifier} with class hierarchy questions answered by a {@link TypeHierarchy}
 * instead of loading classes. Interfaces are treated as {@code Object}, as the JVM verifier does.
 */
final class HierarchyVerifier extends SimpleVerifier {
  private static final Type OBJECT = Type.getObjectType("java/lang/Object");
  /** SimpleVerifier's type of {@code aconst_null}, which is of every reference type. */
  private static final Type NULL = Type.getObjectType("null");
  private final TypeHierarchy hierarchy;

  HierarchyVerifier(TypeHierarchy hierarchy, Type current, Type superType, List<Type> interfaces, boolean isInterface) {
    super(Opcodes.ASM9, current, superType, interfaces, isInterface);
    this.hierarchy = hierarchy;
  }

  @Override
  protected boolean isInterface(Type type) {
    if (type.getSort() != Type.OBJECT) return false;
    return info(type).isInterface();
  }

  @Override
  protected Type getSuperClass(Type type) {
    if (type.getSort() == Type.ARRAY) return OBJECT;
    String s = info(type).superName();
    return s == null ? null : Type.getObjectType(s);
  }

  @Override
  protected boolean isAssignableFrom(Type target, Type value) {
    if (target.equals(value)) return true;
    if (target.equals(OBJECT)) return value.getSort() == Type.OBJECT || value.getSort() == Type.ARRAY;
    if (target.getSort() == Type.ARRAY) {
      if (value.getSort() != Type.ARRAY) return false;
      Type te = target.getElementType(), ve = value.getElementType();
      int td = target.getDimensions(), vd = value.getDimensions();
      if (td == vd) {
        if (te.getSort() != Type.OBJECT || ve.getSort() != Type.OBJECT) return te.equals(ve);
        return isAssignableFrom(te, ve);
      }
      if (td < vd) {
        // T[] from U[][]...: T must be Object, Cloneable or Serializable
        return te.getSort() == Type.OBJECT && isArraySuper(te.getInternalName());
      }
      return false;
    }
    if (value.getSort() == Type.ARRAY) return isArraySuper(target.getInternalName());
    if (target.getSort() != Type.OBJECT || value.getSort() != Type.OBJECT) return false;
    if (isInterface(target)) return true;
    for (String s = value.getInternalName(); s != null; s = info(Type.getObjectType(s)).superName()) {
      if (s.equals(target.getInternalName())) return true;
      if (s.equals("java/lang/Object")) return false;
    }
    return false;
  }

  private static boolean isArraySuper(String name) {
    return name.equals("java/lang/Object") || name.equals("java/lang/Cloneable") || name.equals("java/io/Serializable");
  }

  /*
   * The verifier lets any reference stand for an interface, so SimpleVerifier merges a Parser and
   * an Exception (one slot, a try block's local and its handler's) into Parser. The restore code
   * casts a saved slot back to its merged type, and a checkcast is not so lenient: it would throw
   * on the Exception, halfway through restoring the frame, and leave its record unpopped. So an
   * interface type survives a merge only where both values provably have it; otherwise Object,
   * which is what the JVM's own merge gives and what needs no cast.
   */
  @Override
  public BasicValue merge(BasicValue v, BasicValue w) {
    BasicValue m = super.merge(v, w);
    Type t = m.getType();
    if (t == null || !m.isReference() || (m.equals(v) && m.equals(w))) return m;
    Type element = t.getSort() == Type.ARRAY ? t.getElementType() : t;
    if (element.getSort() != Type.OBJECT || element.equals(OBJECT) || element.equals(NULL) || !isInterface(element)) return m;
    if (provablyIs(t, v.getType()) && provablyIs(t, w.getType())) return m;
    if (t.getSort() != Type.ARRAY) return new BasicValue(OBJECT);
    // Arrays of as many dimensions stay arrays (code after the merge may index them): of Object, as the JVM merges them.
    return new BasicValue(Type.getType("[".repeat(t.getDimensions()) + "Ljava/lang/Object;"));
  }

  /* Whether every value of type `value` is a `target` (an interface, or an array of one). */
  private boolean provablyIs(Type target, Type value) {
    if (value == null) return false;
    if (value.equals(target) || value.equals(NULL)) return true;
    if (target.getSort() == Type.ARRAY) {
      return value.getSort() == Type.ARRAY && value.getDimensions() == target.getDimensions()
          && value.getElementType().getSort() == Type.OBJECT && provablyIs(target.getElementType(), value.getElementType());
    }
    if (value.getSort() != Type.OBJECT) return false;
    try {
      java.util.ArrayDeque<String> pending = new java.util.ArrayDeque<>(List.of(value.getInternalName()));
      java.util.Set<String> seen = new java.util.HashSet<>();
      while (!pending.isEmpty()) {
        String s = pending.pop();
        if (s.equals(target.getInternalName())) return true;
        if (!seen.add(s)) continue;
        TypeHierarchy.TypeInfo info = info(Type.getObjectType(s));
        if (info.superName() != null) pending.push(info.superName());
        pending.addAll(info.interfaces());
      }
      return false;
    } catch (InstrumentationException notOnClassPath) {
      return false; // Object is always safe
    }
  }

  @Override
  protected Class<?> getClass(Type type) {
    throw new UnsupportedOperationException("the instrumenter never loads classes (" + type + ")");
  }

  private TypeHierarchy.TypeInfo info(Type type) {
    TypeHierarchy.TypeInfo info = hierarchy.describe(type.getInternalName());
    if (info == null) {
      throw new InstrumentationException("type " + type.getClassName() + " is not on the instrumentation class path");
    }
    return info;
  }
}

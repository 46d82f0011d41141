package dev.weft.continuations.instrument.internal;

import dev.weft.continuations.instrument.InstrumentationException;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/**
 * ASM's {@link SimpleVerifier} with class hierarchy questions answered by a {@link TypeHierarchy}
 * instead of loading classes. Interfaces are treated as {@code Object}, as the JVM verifier does.
 */
final class HierarchyVerifier extends SimpleVerifier {
  private static final Type OBJECT = Type.getObjectType("java/lang/Object");
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

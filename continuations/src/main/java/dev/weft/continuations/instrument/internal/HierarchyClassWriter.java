package dev.weft.continuations.instrument.internal;

import dev.weft.continuations.instrument.InstrumentationException;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassWriter;

/** A {@link ClassWriter} that computes frames from a {@link TypeHierarchy}, never loading classes. */
final class HierarchyClassWriter extends ClassWriter {
  private final TypeHierarchy hierarchy;

  HierarchyClassWriter(int flags, TypeHierarchy hierarchy) {
    super(flags);
    this.hierarchy = hierarchy;
  }

  @Override
  protected String getCommonSuperClass(String type1, String type2) {
    TypeHierarchy.TypeInfo a = require(type1), b = require(type2);
    if (a.isInterface() || b.isInterface()) return "java/lang/Object";
    Set<String> chain = new HashSet<>();
    for (String t = type1; t != null; t = require(t).superName()) chain.add(t);
    for (String t = type2; t != null; t = require(t).superName()) {
      if (chain.contains(t)) return t;
    }
    return "java/lang/Object";
  }

  private TypeHierarchy.TypeInfo require(String name) {
    TypeHierarchy.TypeInfo info = hierarchy.describe(name);
    if (info == null) {
      throw new InstrumentationException("type " + name.replace('/', '.') + " is not on the instrumentation class path");
    }
    return info;
  }
}

package dev.weft.continuations.instrument.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/** A {@link TypeHierarchy} over Byte Buddy's {@link TypePool}, which reads class files lazily. */
public final class TypePoolHierarchy implements TypeHierarchy {
  private final TypePool pool;
  private final ConcurrentHashMap<String, TypeInfo> cache = new ConcurrentHashMap<>();

  public TypePoolHierarchy(TypePool pool) {
    this.pool = pool;
  }

  /**
   * A hierarchy over the class files visible to {@code loader} (the platform's if null). It holds
   * the loader weakly, so a cache of hierarchies keyed on loaders weakly does not keep the loaders
   * it serves from being collected.
   */
  public static TypePoolHierarchy of(ClassLoader loader) {
    ClassFileLocator locator = loader == null
        ? ClassFileLocator.ForClassLoader.ofPlatformLoader()
        : ClassFileLocator.ForClassLoader.WeaklyReferenced.of(loader);
    return new TypePoolHierarchy(TypePool.Default.of(locator));
  }

  @Override
  public TypeInfo describe(String internalName) {
    TypeInfo known = cache.get(internalName);
    if (known != null) return known;
    TypePool.Resolution resolution = pool.describe(internalName.replace('/', '.'));
    if (!resolution.isResolved()) return null;
    TypeInfo info = new PoolType(resolution.resolve());
    cache.put(internalName, info);
    return info;
  }

  private static final class PoolType implements TypeInfo {
    private final TypeDescription type;

    PoolType(TypeDescription type) {
      this.type = type;
    }

    @Override
    public String internalName() {
      return type.getInternalName();
    }

    @Override
    public String superName() {
      TypeDescription.Generic s = type.getSuperClass();
      return s == null ? null : s.asErasure().getInternalName();
    }

    @Override
    public List<String> interfaces() {
      List<String> names = new ArrayList<>();
      for (TypeDefinition i : type.getInterfaces()) names.add(i.asErasure().getInternalName());
      return names;
    }

    @Override
    public boolean isInterface() {
      return type.isInterface();
    }

    @Override
    public boolean isFinal() {
      return type.isFinal() && !type.isInterface();
    }

    @Override
    public MethodInfo declaredMethod(String name, String descriptor) {
      for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
        if (m.getInternalName().equals(name) && m.getDescriptor().equals(descriptor)) {
          return new PoolMethod(m);
        }
      }
      return null;
    }
  }

  private static final class PoolMethod implements MethodInfo {
    private final MethodDescription.InDefinedShape method;

    PoolMethod(MethodDescription.InDefinedShape method) {
      this.method = method;
    }

    @Override
    public List<String> exceptions() {
      List<String> names = new ArrayList<>();
      for (TypeDefinition e : method.getExceptionTypes()) names.add(e.asErasure().getInternalName());
      return names;
    }

    @Override
    public boolean hasAnnotation(String descriptor) {
      return Selection.hasAnnotation(method.getDeclaredAnnotations(), descriptor);
    }
  }
}

package dev.weft.continuations.instrument;

import dev.weft.continuations.instrument.internal.ClassInstrumenter;
import dev.weft.continuations.instrument.internal.Selection;
import dev.weft.continuations.instrument.internal.TypePoolHierarchy;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The load-time instrumentation used by {@link WeftAgent} and {@link Weft#install()}: rewrites
 * each class that mentions {@code dev/weft/continuations/Suspend} as it is loaded.
 *
 * <p>A class that cannot be instrumented is loaded unchanged and the reason is logged; suspending
 * through it later fails with a {@link dev.weft.continuations.SuspendException} naming it.
 */
final class WeftTransformer implements ClassFileTransformer {
  private static final System.Logger LOG = System.getLogger("dev.weft.continuations");
  /** Weak on both sides: the key, and the loader inside each hierarchy (see {@link TypePoolHierarchy#of}). */
  private final Map<ClassLoader, TypePoolHierarchy> hierarchies = new WeakHashMap<>();
  private TypePoolHierarchy bootHierarchy;

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
    if (className == null || redefined != null || !Selection.mayNeedInstrumenting(className, bytes)) return null;
    try {
      return new ClassInstrumenter(hierarchy(loader), Selection.DECLARED).instrument(bytes);
    } catch (RuntimeException | LinkageError e) {
      LOG.log(System.Logger.Level.ERROR, "Weft could not instrument " + className.replace('/', '.') + ": " + e.getMessage(), e);
      return null;
    }
  }

  private synchronized TypePoolHierarchy hierarchy(ClassLoader loader) {
    if (loader == null) {
      if (bootHierarchy == null) bootHierarchy = TypePoolHierarchy.of(null);
      return bootHierarchy;
    }
    return hierarchies.computeIfAbsent(loader, TypePoolHierarchy::of);
  }
}

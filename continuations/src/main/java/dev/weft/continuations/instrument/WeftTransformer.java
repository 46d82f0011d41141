package dev.weft.continuations.instrument;

import dev.weft.continuations.instrument.internal.ClassInstrumenter;
import dev.weft.continuations.instrument.internal.Selection;
import dev.weft.continuations.instrument.internal.TypePoolHierarchy;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.BiConsumer;

/**
 * The load-time instrumentation used by {@link WeftAgent} and {@link Weft#install()}: rewrites
 * each class that mentions {@code dev/weft/continuations/Suspend} as it is loaded.
 *
 * <p>A class that cannot be instrumented is loaded unchanged and the reason is logged once, with
 * the class's name; suspending through it later fails with a
 * {@link dev.weft.continuations.SuspendException} naming it.
 */
final class WeftTransformer implements ClassFileTransformer {
  private static final System.Logger LOG = System.getLogger("dev.weft.continuations");
  /** Weak on both sides: the key, and the loader inside each hierarchy (see {@link TypePoolHierarchy#of}). */
  private final Map<ClassLoader, TypePoolHierarchy> hierarchies = new WeakHashMap<>();
  private final BiConsumer<String, Throwable> report;
  private TypePoolHierarchy bootHierarchy;

  WeftTransformer() {
    this(WeftTransformer::log);
  }

  /** @param report receives the binary name of each class that could not be instrumented, and why */
  WeftTransformer(BiConsumer<String, Throwable> report) {
    this.report = report;
  }

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
    // Everything stays inside the try: the JVM drops whatever a transformer throws without a word,
    // and the report is the only place a failure here can reach.
    try {
      if (className == null || redefined != null || !Selection.mayNeedInstrumenting(className, bytes)) return null;
      return new ClassInstrumenter(hierarchy(loader), Selection.DECLARED).instrument(bytes);
    } catch (Throwable t) {
      report.accept(className == null ? "a class without a name" : className.replace('/', '.'), t);
      return null;
    }
  }

  private static void log(String className, Throwable t) {
    LOG.log(System.Logger.Level.ERROR, "Weft could not instrument " + className + ": " + t, t);
  }

  private synchronized TypePoolHierarchy hierarchy(ClassLoader loader) {
    if (loader == null) {
      if (bootHierarchy == null) bootHierarchy = TypePoolHierarchy.of(null);
      return bootHierarchy;
    }
    return hierarchies.computeIfAbsent(loader, TypePoolHierarchy::of);
  }
}

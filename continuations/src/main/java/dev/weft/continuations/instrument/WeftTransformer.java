package dev.weft.continuations.instrument;

import dev.weft.continuations.instrument.internal.ClassInstrumenter;
import dev.weft.continuations.instrument.internal.Selection;
import dev.weft.continuations.instrument.internal.Suspendables;
import dev.weft.continuations.instrument.internal.TypePoolHierarchy;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.BiConsumer;

/**
 * The load-time instrumentation used by {@link WeftAgent} and {@link Weft#install()}: rewrites
 * each class that mentions {@code dev/weft/continuations/Suspend} as it is loaded, and each class
 * of library code declared suspendable ({@link Suspendables}: the agent's option, the
 * {@code weft.suspendables} system property, and the {@code META-INF/weft/suspendables} resources
 * the class's loader sees).
 *
 * <p>A class that cannot be instrumented is loaded unchanged and the reason is logged once, with
 * the class's name; suspending through it later fails with a
 * {@link dev.weft.continuations.SuspendException} naming it.
 */
final class WeftTransformer implements ClassFileTransformer {
  private static final System.Logger LOG = System.getLogger("dev.weft.continuations");
  /** Weak on both sides: the key, and the loader inside each hierarchy (see {@link TypePoolHierarchy#of}). */
  private final Map<ClassLoader, TypePoolHierarchy> hierarchies = new WeakHashMap<>();
  /** Per loader: the configured list plus the {@link Suspendables#RESOURCE}s it sees, read once. */
  private final Map<ClassLoader, Suspendables> listed = new WeakHashMap<>();
  private final Suspendables configured;
  private final BiConsumer<String, Throwable> report;
  private TypePoolHierarchy bootHierarchy;

  WeftTransformer(Suspendables configured) {
    this(configured, WeftTransformer::log);
  }

  /**
   * @param configured library code declared suspendable by an option, for every loader but the JDK's
   * @param report receives the binary name of each class that could not be instrumented, and why
   */
  WeftTransformer(Suspendables configured, BiConsumer<String, Throwable> report) {
    this.configured = configured;
    this.report = report;
  }

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
    // Everything stays inside the try: the JVM drops whatever a transformer throws without a word,
    // and the report is the only place a failure here can reach.
    try {
      if (className == null || redefined != null) return null;
      Suspendables suspendables = suspendables(loader);
      if (!Selection.mayNeedInstrumenting(className, bytes) && !suspendables.coversClass(className)) return null;
      return new ClassInstrumenter(hierarchy(loader), Selection.declaredAnd(suspendables)).instrument(bytes);
    } catch (Throwable t) {
      report.accept(className == null ? "a class without a name" : className.replace('/', '.'), t);
      return null;
    }
  }

  private static void log(String className, Throwable t) {
    LOG.log(System.Logger.Level.ERROR, "Weft could not instrument " + className + ": " + t, t);
  }

  /** The JDK's loaders get none: their classes are never instrumented. */
  private synchronized Suspendables suspendables(ClassLoader loader) {
    if (loader == null || loader == ClassLoader.getPlatformClassLoader()) return Suspendables.NONE;
    return listed.computeIfAbsent(loader, l -> {
      try {
        return configured.and(Suspendables.declaredBy(l));
      } catch (RuntimeException malformed) {
        // Said once per loader; its classes are instrumented by the configured list alone.
        report.accept("the " + Suspendables.RESOURCE + " of " + l, malformed);
        return configured;
      }
    });
  }

  private synchronized TypePoolHierarchy hierarchy(ClassLoader loader) {
    if (loader == null) {
      if (bootHierarchy == null) bootHierarchy = TypePoolHierarchy.of(null);
      return bootHierarchy;
    }
    return hierarchies.computeIfAbsent(loader, TypePoolHierarchy::of);
  }
}

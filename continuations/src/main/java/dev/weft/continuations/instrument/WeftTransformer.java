package dev.weft.continuations.instrument;

import dev.weft.continuations.instrument.internal.ClassInstrumenter;
import dev.weft.continuations.instrument.internal.TypePoolHierarchy;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
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
  private static final byte[] MARKER = "dev/weft/continuations/Suspend".getBytes(StandardCharsets.UTF_8);
  private static final System.Logger LOG = System.getLogger("dev.weft.continuations");
  private final Map<ClassLoader, TypePoolHierarchy> hierarchies = new WeakHashMap<>();
  private TypePoolHierarchy bootHierarchy;

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
    if (className == null || redefined != null || className.startsWith("java/") || className.startsWith("jdk/")
        || className.startsWith("sun/") || ClassInstrumenter.isRuntime(className) || !contains(bytes, MARKER)) {
      return null;
    }
    try {
      return new ClassInstrumenter(hierarchy(loader), ClassInstrumenter.Mode.DECLARED).instrument(bytes);
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

  /** Whether the constant pool can mention Weft at all: a byte search is far cheaper than parsing. */
  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0, n = haystack.length - needle.length; i <= n; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) continue outer;
      }
      return true;
    }
    return false;
  }
}

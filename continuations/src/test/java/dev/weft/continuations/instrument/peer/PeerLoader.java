package dev.weft.continuations.instrument.peer;

import dev.weft.continuations.instrument.internal.ClassInstrumenter;
import dev.weft.continuations.instrument.internal.TestSelections;
import dev.weft.continuations.instrument.internal.TypePoolHierarchy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarFile;

/**
 * Defines a peer library and its tests itself (child first), from their jars; when injecting,
 * every class passes through the instrumenter with {@link TestSelections#INJECT} first: every
 * method gets frame code and a suspension before every call.
 */
final class PeerLoader extends ClassLoader {
  private final List<JarFile> jars;
  private final String packagePrefix;
  private final boolean injecting;
  private TypePoolHierarchy hierarchy;
  /** Suspensions taken by test bodies run in this loader. */
  final AtomicLong suspensions = new AtomicLong();
  /** The same, per test (by JUnit unique id). */
  final java.util.Map<String, Long> suspensionsByTest = new java.util.concurrent.ConcurrentHashMap<>();
  /** Classes the instrumenter refused (kept as they were), with the reason. */
  final List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();

  PeerLoader(List<JarFile> jars, String packagePrefix, boolean injecting) {
    super(PeerLoader.class.getClassLoader());
    this.jars = jars;
    this.packagePrefix = packagePrefix;
    this.injecting = injecting;
  }

  boolean isInjecting() {
    return injecting;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        byte[] original = name.startsWith(packagePrefix) ? original(name.replace('.', '/') + ".class") : null;
        if (original == null) return super.loadClass(name, resolve);
        byte[] b = injecting ? instrument(name, original) : original;
        c = defineClass(name, b, 0, b.length);
      }
      if (resolve) resolveClass(c);
      return c;
    }
  }

  /** Defines a class made for a test (its trampoline), instrumented like the rest. */
  Class<?> define(String name, byte[] classFile) {
    synchronized (getClassLoadingLock(name)) {
      byte[] b = instrument(name, classFile);
      return defineClass(name, b, 0, b.length);
    }
  }

  private byte[] instrument(String name, byte[] original) {
    try {
      byte[] out = new ClassInstrumenter(hierarchy(), TestSelections.INJECT).instrument(original);
      return out == null ? original : out;
    } catch (RuntimeException e) {
      refused.add(name + ": " + e.getMessage());
      return original;
    }
  }

  private synchronized TypePoolHierarchy hierarchy() {
    if (hierarchy == null) hierarchy = TypePoolHierarchy.of(this);
    return hierarchy;
  }

  /** The uninstrumented class files, for the type pool as much as for loading. */
  @Override
  public InputStream getResourceAsStream(String name) {
    byte[] b = name.endsWith(".class") && name.startsWith(packagePrefix.replace('.', '/')) ? original(name) : null;
    return b != null ? new ByteArrayInputStream(b) : super.getResourceAsStream(name);
  }

  private byte[] original(String entry) {
    for (JarFile jar : jars) {
      if (jar.getEntry(entry) == null) continue;
      try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return null;
  }
}

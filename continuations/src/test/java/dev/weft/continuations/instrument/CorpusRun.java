package dev.weft.continuations.instrument;

import dev.weft.continuations.instrument.internal.ClassInstrumenter;
import dev.weft.continuations.instrument.internal.TestSelections;
import dev.weft.continuations.instrument.internal.TypeHierarchy;
import dev.weft.continuations.instrument.internal.TypePoolHierarchy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One jar of the verify corpus: every class (or every {@code stride}-th) instrumented with every
 * method suspendable and every call a suspension point, checked by ASM's data-flow verifier, then
 * defined and linked (which runs the JVM's own verifier) in a fresh loader that holds the jar's
 * classes, instrumented where the instrumenter changed them.
 */
final class CorpusRun {
  final String jarName;
  int classes, instrumented, methods, loaded;
  /** Classes the JVM could not link because an optional dependency of the jar is not on the test class path. */
  final List<String> missingDependencies = new ArrayList<>();
  /** Methods refused by name because their instrumented form would pass the JVM's 64 KiB code limit. */
  final List<String> tooLarge = new ArrayList<>();
  final List<String> failures = new ArrayList<>();

  private static final Pattern ABSENT_TYPE = Pattern.compile("ClassNotFoundException: ([\\w.$]+) not present");

  private static final Pattern ABSENT_TO_INSTRUMENTER = Pattern.compile("type ([\\w.$]+) is not on the instrumentation class path");

  private final JarFile jar;
  private final Map<String, byte[]> instrumentedClasses = new HashMap<>();

  private CorpusRun(JarFile jar) {
    this.jar = jar;
    this.jarName = jar.getName().replaceAll(".*/", "");
  }

  /**
   * Runs the jar that holds {@code probe}, a class file path such as {@code kotlin/Unit.class}, on
   * at most about {@code sample} of its classes, evenly spread.
   */
  static CorpusRun of(String probe, int sample) throws IOException {
    ClassLoader loader = CorpusRun.class.getClassLoader();
    URL url = loader.getResource(probe);
    if (url == null) throw new IllegalArgumentException(probe + " is not on the test class path");
    CorpusRun run = new CorpusRun(((JarURLConnection) url.openConnection()).getJarFile());
    long total = run.jar.stream().filter(e -> isClass(e.getName())).count();
    int stride = (int) Math.max(1, (total + sample - 1) / sample);
    run.instrumentAll(TypePoolHierarchy.of(loader), loader, stride);
    run.loadAll();
    return run;
  }

  private void instrumentAll(TypeHierarchy hierarchy, ClassLoader loader, int stride) throws IOException {
    int index = 0;
    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
      String name = e.nextElement().getName();
      if (!isClass(name) || index++ % stride != 0) continue;
      classes++;
      try {
        ClassInstrumenter instrumenter = new ClassInstrumenter(hierarchy, TestSelections.EVERY_METHOD);
        byte[] out = instrumenter.instrument(read(name));
        if (out == null) continue;
        instrumented++;
        methods += instrumenter.methodsInstrumented;
        instrumentedClasses.put(binaryName(name), out);
        String report = ClassFiles.verify(out, loader);
        Matcher absent = ABSENT_TYPE.matcher(report);
        if (absent.find() && !isOnTestClassPath(absent.group(1).replace('.', '/'))) {
          // The verifier loads the types it merges; an optional dependency of the jar may be absent here.
          missingDependencies.add(name + " needs " + absent.group(1));
        } else if (!report.isEmpty()) {
          failures.add(name + ": " + report.lines().limit(8).reduce("", (a, b) -> a + "\n  " + b));
        }
      } catch (InstrumentationException ex) {
        Matcher absent = ABSENT_TO_INSTRUMENTER.matcher(ex.getMessage());
        if (ex.getMessage().contains("64 KiB limit")) tooLarge.add(ex.getMessage());
        else if (absent.find() && !isOnTestClassPath(absent.group(1).replace('.', '/'))) missingDependencies.add(name + " needs " + absent.group(1));
        else failures.add(name + ": " + ex);
      } catch (NoClassDefFoundError missing) {
        if (isOnTestClassPath(missing.getMessage())) failures.add(name + ": " + missing);
        else missingDependencies.add(name + " needs " + missing.getMessage());
      } catch (RuntimeException | LinkageError ex) {
        failures.add(name + ": " + ex);
      }
    }
  }

  /** Defines and links every instrumented class; getDeclaredMethods links, and linking verifies. */
  private void loadAll() {
    ClassLoader fresh = new JarLoader();
    for (String name : instrumentedClasses.keySet()) {
      String entry = name.replace('.', '/') + ".class ";
      if (missingDependencies.stream().anyMatch(m -> m.startsWith(entry))) continue; // counted once, at verification
      try {
        Class.forName(name, false, fresh).getDeclaredMethods();
        loaded++;
      } catch (NoClassDefFoundError missing) {
        if (isOnTestClassPath(missing.getMessage())) failures.add(name + ": " + missing);
        else missingDependencies.add(name + " needs " + missing.getMessage());
      } catch (LinkageError | RuntimeException | ClassNotFoundException ex) {
        failures.add(name + ": loading: " + ex);
      }
    }
  }

  private boolean isOnTestClassPath(String missingInternalName) {
    return missingInternalName == null || jar.getEntry(missingInternalName + ".class") != null
        || CorpusRun.class.getClassLoader().getResource(missingInternalName + ".class") != null;
  }

  /** Child-first for the jar's classes, so each is defined here and linked against its instrumented neighbours. */
  private final class JarLoader extends ClassLoader {
    JarLoader() {
      super(CorpusRun.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          byte[] b = instrumentedClasses.get(name);
          String entry = name.replace('.', '/') + ".class";
          if (b == null && jar.getEntry(entry) != null) b = read(entry);
          if (b != null) c = defineClass(name, b, 0, b.length);
        }
        if (c == null) return super.loadClass(name, resolve);
        if (resolve) resolveClass(c);
        return c;
      }
    }
  }

  @Override
  public String toString() {
    return String.format("corpus %s: %d classes, %d instrumented, %d methods, %d loaded, %d need absent optional"
        + " dependencies, %d refused as too large, %d failures", jarName, classes, instrumented, methods, loaded,
        missingDependencies.size(), tooLarge.size(), failures.size());
  }

  private static boolean isClass(String name) {
    return name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")
        && !name.endsWith("package-info.class");
  }

  private static String binaryName(String entry) {
    return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
  }

  private byte[] read(String entry) {
    try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

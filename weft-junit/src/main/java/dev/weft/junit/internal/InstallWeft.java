package dev.weft.junit.internal;

import dev.weft.continuations.instrument.Weft;
import dev.weft.continuations.internal.abi.Instrumented;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Registered by weft-junit's jar ({@code META-INF/services}): when a JUnit Platform launcher
 * session opens, before it discovers or loads any test class, installs Weft's load-time
 * instrumentation ({@link Weft#install()}), so that test classes and their lambdas may suspend
 * with no build plugin, agent or {@code argLine}.
 *
 * <p>Maven Surefire loads the <em>first</em> test class itself, before it opens the session (it
 * asks JUnit whether the class holds tests). If such an early class needed instrumentation, the
 * session runs its discovery and tests in a fresh class loader over the class path's directories
 * (the project's own classes, loaded again, now instrumented), set as the context class loader
 * JUnit resolves test classes through; JUnit's own launcher interceptors are the supported place
 * for such a loader too. Jars, Weft and JUnit stay in the original loader. On the module path
 * (a modular project, whose test classes surefire patches into its main module), the early class
 * is in that named module: the module is defined again in a child layer instead
 * ({@link ReloadedModule}), so that the tests still run in a module of that name, beside the main
 * classes.
 */
public final class InstallWeft implements LauncherSessionListener {
  private static final byte[] SUSPEND = "dev/weft/continuations/Suspend".getBytes(StandardCharsets.ISO_8859_1);

  private static volatile boolean ranAtSessionOpen;
  private static volatile List<String> loadedTooEarly = List.of();

  private ClassLoader previous;
  private boolean swapped;

  /** Called by the JUnit Platform through ServiceLoader. */
  public InstallWeft() {}

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    boolean already = Weft.isInstalled();
    ensureInstalled();
    ranAtSessionOpen = true;
    if (already) return;  // installed earlier (agent, an earlier session): every class was seen
    ClassLoader system = ClassLoader.getSystemClassLoader();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != system) return;  // a launcher with a class loader of its own: leave it alone
    List<Path> roots = directoryRoots(system);
    List<Class<?>> early = loadedUninstrumented(system, roots);
    if (early.isEmpty()) return;
    loadedTooEarly = early.stream().map(Class::getName).collect(Collectors.toUnmodifiableList());
    Optional<Module> module = early.stream().map(Class::getModule).filter(Module::isNamed).findFirst();
    ClassLoader reloading = module.flatMap(m -> ReloadedModule.reload(m, roots, system)).orElse(null);
    previous = context;
    Thread.currentThread().setContextClassLoader(reloading != null ? reloading : new ReloadingClassLoader(roots, system));
    swapped = true;
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (swapped) {
      Thread.currentThread().setContextClassLoader(previous);
      swapped = false;
    }
  }

  /** Installs Weft's load-time instrumentation in this JVM unless it is already. */
  public static void ensureInstalled() {
    Weft.install();
  }

  /** Whether a launcher session opened in this JVM (for weft-junit's own tests). */
  public static boolean ranAtSessionOpen() {
    return ranAtSessionOpen;
  }

  /** The classes that were loaded uninstrumented before the first session opened (weft-junit's own tests). */
  public static List<String> loadedTooEarly() {
    return loadedTooEarly;
  }

  /** The directories on the class path (the project's own classes; jars are left out). */
  static List<Path> directoryRoots(ClassLoader loader) {
    Set<Path> roots = new LinkedHashSet<>();
    try {
      for (URL u : Collections.list(loader.getResources(""))) {
        if (!"file".equals(u.getProtocol())) continue;
        Path p = Paths.get(u.toURI());
        if (Files.isDirectory(p)) roots.add(p);
      }
    } catch (IOException | URISyntaxException | IllegalArgumentException e) {
      return List.of();
    }
    return new ArrayList<>(roots);
  }

  /** Classes of {@code loader} from {@code roots} already loaded whose class file suspends but was not instrumented. */
  private static List<Class<?>> loadedUninstrumented(ClassLoader loader, List<Path> roots) {
    Instrumentation inst;
    try {
      inst = ByteBuddyAgent.getInstrumentation();
    } catch (IllegalStateException e) {
      return List.of();  // installed by an agent: nothing was loaded before it
    }
    List<Class<?>> early = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.getClassLoader() != loader || ReloadingClassLoader.staysInParent(c.getName())) continue;
      Path file = classFile(c, roots);
      if (file == null) continue;
      try {
        byte[] bytes = Files.readAllBytes(file);
        // mentions Suspend, but carries no mark of the instrumenter (build time or load time)
        if (contains(bytes, SUSPEND) && !c.isAnnotationPresent(Instrumented.class)) {
          early.add(c);
        }
      } catch (IOException | RuntimeException | LinkageError e) {
        // unreadable: leave it
      }
    }
    return early;
  }

  private static Path classFile(Class<?> c, List<Path> roots) {
    CodeSource cs;
    try {
      cs = c.getProtectionDomain().getCodeSource();
    } catch (SecurityException e) {
      return null;
    }
    if (cs == null || cs.getLocation() == null || !"file".equals(cs.getLocation().getProtocol())) return null;
    try {
      Path root = Paths.get(cs.getLocation().toURI());
      if (!roots.contains(root)) return null;
      Path file = root.resolve(c.getName().replace('.', '/') + ".class");
      return Files.isRegularFile(file) ? file : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

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

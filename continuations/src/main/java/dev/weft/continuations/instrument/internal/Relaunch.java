package dev.weft.continuations.instrument.internal;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an application's {@code main} again in a fresh class loader, after load-time
 * instrumentation is installed: the class that calls {@code Weft.launch} was loaded before the
 * agent (it is running {@code main}), so its own copy can never be instrumented, but a copy loaded
 * now is. Only the application's classes are loaded again: Weft's runtime, Byte Buddy, ASM and
 * the JDK come from the loader that already has them, so there is one Weft runtime in the JVM.
 */
public final class Relaunch {
  /* Loaded parent-first: one copy of each in the JVM (their classes are instrumented at build time or need none). */
  private static final String[] SHARED = {
    "java.", "javax.", "jdk.", "sun.", "com.sun.",
    "dev.weft.continuations.", "dev.weft.generators.", "dev.weft.greenlet.", "dev.weft.asyncio.", "dev.weft.junit.",
    "net.bytebuddy.", "org.objectweb.asm.",
  };

  private Relaunch() {}

  /** Whether {@code app} is already the relaunched copy. */
  public static boolean isRelaunched(Class<?> app) {
    return app.getClassLoader() instanceof AppLoader;
  }

  /**
   * Loads {@code app} by name in a fresh loader over the same class path and runs its
   * {@code main(args)} there, on this thread, with that loader as the context class loader.
   * Whatever {@code main} throws is thrown here, as the same instance.
   */
  public static void run(Class<?> app, String[] args) throws Throwable {
    if (app.getModule().isNamed()) {
      throw new UnsupportedOperationException("Weft.launch(" + app.getName() + "): the class is in the named module "
          + app.getModule().getName() + ", which cannot be loaded twice; run with -javaagent:weft-agent.jar or the build plugin");
    }
    ClassLoader parent = app.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : app.getClassLoader();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    AppLoader loader = new AppLoader(classPathOf(parent), parent);
    MethodHandle main;
    try {
      Class<?> fresh = Class.forName(app.getName(), false, loader);
      main = MethodHandles.publicLookup().findStatic(fresh, "main", MethodType.methodType(void.class, String[].class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalArgumentException("Weft.launch(" + app.getName() + "): it has no public static void main(String[])", e);
    }
    thread.setContextClassLoader(loader);
    try {
      main.invokeExact(args);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /* The loader's own URLs when it has them (exec:java, IDE runners), else java.class.path. */
  private static URL[] classPathOf(ClassLoader loader) {
    if (loader instanceof URLClassLoader) return ((URLClassLoader) loader).getURLs();
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (entry.isEmpty()) continue;
      try {
        urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalStateException("class path entry " + entry + " is not a file or folder", e);
      }
    }
    return urls.toArray(new URL[0]);
  }

  /** Child-first for the application's classes, parent-first for the shared ones. */
  private static final class AppLoader extends URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    AppLoader(URL[] urls, ClassLoader parent) {
      super("weft-launch", urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (isShared(name)) return super.loadClass(name, resolve);
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException notOurs) {
            return super.loadClass(name, resolve);
          }
        }
        if (resolve) resolveClass(c);
        return c;
      }
    }

    private static boolean isShared(String name) {
      for (String prefix : SHARED) {
        if (name.startsWith(prefix)) return true;
      }
      return false;
    }
  }
}

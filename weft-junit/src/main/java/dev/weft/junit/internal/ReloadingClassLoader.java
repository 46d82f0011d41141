package dev.weft.junit.internal;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Child-first over the class path's directories: the project's classes are defined again here
 * (and instrumented as they load, Weft being installed by then); everything else, and Weft, JUnit
 * and the JDK always, come from the parent.
 */
final class ReloadingClassLoader extends URLClassLoader {
  static {
    ClassLoader.registerAsParallelCapable();
  }

  ReloadingClassLoader(List<Path> roots, ClassLoader parent) {
    super("weft-junit", urls(roots), parent);
  }

  private static URL[] urls(List<Path> roots) {
    URL[] urls = new URL[roots.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = roots.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(e);
      }
    }
    return urls;
  }

  /** Packages whose classes must stay single: the JDK, JUnit and its friends, Weft's runtime and weft-junit's own classes. */
  static boolean staysInParent(String name) {
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")
        || name.startsWith("org.junit.") || name.startsWith("org.opentest4j.") || name.startsWith("org.apiguardian.")
        || name.startsWith("dev.weft.continuations.") || name.startsWith("dev.weft.junit.internal.")
        || name.startsWith("dev.weft.junit.AsyncioTest");
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (staysInParent(name)) return super.loadClass(name, resolve);
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null && findResource(name.replace('.', '/') + ".class") != null) {
        c = findClass(name);
      }
      if (c == null) return super.loadClass(name, resolve);
      if (resolve) resolveClass(c);
      return c;
    }
  }

  @Override
  public URL getResource(String name) {
    URL u = findResource(name);
    return u != null ? u : super.getResource(name);
  }
}

package dev.weft.continuations.instrument.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A declared list of library code to treat as suspendable although it says nothing of Weft: each
 * method of a listed class gets frame code, with every call in it a suspension point, and every
 * call to a listed class is a suspension point. So a lambda that suspends can be passed through
 * Guava's {@code FluentIterable} or a commons-collections {@code Transformer} loop.
 *
 * <p>One entry a line (or separated by commas, for an option); {@code #} starts a comment:
 *
 * <pre>
 * com.google.common.collect.*                 # the classes of a package
 * org.apache.commons.collections4.**          # ...and of its subpackages
 * com.fasterxml.jackson.core.json.UTF8StreamJsonParser   # one class and its nested classes
 * com.example.Walker#visit                    # one method, every overload (and its lambdas)
 * </pre>
 *
 * <p>JDK classes are refused: they are loaded before any agent runs, the build cannot rewrite
 * them, and Weft never instruments them ({@link Selection#isExcluded}).
 */
public final class Suspendables {
  /** Where a jar declares its list, as Quasar's {@code META-INF/suspendables} did. */
  public static final String RESOURCE = "META-INF/weft/suspendables";
  /** The empty list. */
  public static final Suspendables NONE = new Suspendables(List.of());

  private static final Pattern COMMENT = Pattern.compile("(^|\\s)#.*$");

  private final List<Entry> entries;

  private Suspendables(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Parses entries separated by new lines or commas.
   *
   * @param origin where the text comes from, for error messages (a file, an option)
   * @throws IllegalArgumentException naming the entry, if one is malformed or names JDK code
   */
  public static Suspendables parse(String origin, String text) {
    List<Entry> entries = new ArrayList<>();
    for (String line : text.split("\r?\n")) {
      // A comment's # starts the line or follows a space; the # of Class#method does neither.
      String content = COMMENT.matcher(line).replaceFirst("");
      for (String item : content.split(",")) {
        String entry = item.trim();
        if (!entry.isEmpty()) entries.add(Entry.of(origin, entry));
      }
    }
    return new Suspendables(entries);
  }

  /** The lists that every {@link #RESOURCE} visible to {@code loader} declares, merged. */
  public static Suspendables declaredBy(ClassLoader loader) {
    Suspendables all = NONE;
    try {
      for (Enumeration<URL> e = loader.getResources(RESOURCE); e.hasMoreElements(); ) {
        URL url = e.nextElement();
        try (InputStream in = url.openStream()) {
          all = all.and(parse(url.toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from " + loader, e);
    }
    return all;
  }

  public Suspendables and(Suspendables other) {
    if (other.entries.isEmpty()) return this;
    if (entries.isEmpty()) return other;
    List<Entry> both = new ArrayList<>(entries);
    both.addAll(other.entries);
    return new Suspendables(both);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * Whether some methods of the class (internal name) are listed; never a {@code package-info} or
   * {@code module-info}, which hold no code (and Byte Buddy refuses to transform them).
   */
  public boolean coversClass(String internalName) {
    if (internalName.endsWith("package-info") || internalName.endsWith("module-info")) return false;
    for (Entry e : entries) {
      if (e.coversClass(internalName)) return true;
    }
    return false;
  }

  /** Whether the method, declared by the class of that internal name, is listed. */
  public boolean coversMethod(String internalName, String methodName) {
    for (Entry e : entries) {
      if (e.coversClass(internalName) && e.coversMethod(methodName)) return true;
    }
    return false;
  }

  @Override
  public String toString() {
    return entries.toString();
  }

  /** One line of the list, in internal names. */
  private static final class Entry {
    private final String text;
    private final String prefix; // "com/a/" for a package, "com/a/B" for a class
    private final boolean isPackage, subpackages;
    private final String method; // null: every method

    private Entry(String text, String prefix, boolean isPackage, boolean subpackages, String method) {
      this.text = text;
      this.prefix = prefix;
      this.isPackage = isPackage;
      this.subpackages = subpackages;
      this.method = method;
    }

    static Entry of(String origin, String text) {
      String type = text, method = null;
      int hash = text.indexOf('#');
      if (hash >= 0) {
        type = text.substring(0, hash);
        method = text.substring(hash + 1);
      }
      boolean subpackages = type.endsWith(".**");
      boolean isPackage = subpackages || type.endsWith(".*");
      String name = isPackage ? type.substring(0, type.lastIndexOf(".*")) : type;
      if (!name.matches("[\\p{javaJavaIdentifierPart}.$]+") || name.startsWith(".") || name.endsWith(".")
          || (method != null && (isPackage || !method.matches("[\\p{javaJavaIdentifierPart}$]+")))) {
        throw new IllegalArgumentException("malformed entry '" + text + "' in " + origin
            + ": expected a package (com.acme.*), a package and its subpackages (com.acme.**), a class (com.acme.Walker)"
            + " or a method (com.acme.Walker#visit)");
      }
      String internal = name.replace('.', '/');
      refuseJdk(origin, text, isPackage ? internal : internal.substring(0, Math.max(0, internal.lastIndexOf('/'))), internal);
      return new Entry(text, isPackage ? internal + "/" : internal, isPackage, subpackages, method);
    }

    private static void refuseJdk(String origin, String text, String packageName, String internal) {
      Optional<Module> jdk = jdkModuleOf(packageName.replace('/', '.'));
      boolean excluded = Selection.isExcluded(internal + "/") || Selection.isExcluded(internal);
      if (jdk.isPresent() || excluded) {
        throw new IllegalArgumentException("cannot make '" + text + "' (in " + origin + ") suspendable: "
            + (jdk.isPresent() ? "it is JDK code (module " + jdk.get().getName() + "), " : "it is JDK code or Weft's own runtime, ")
            + "which Weft never instruments: the JDK's classes are loaded before any agent can rewrite them and are not"
            + " part of any build. Pass the suspending callback through code of your own or of a library instead");
      }
    }

    private static Optional<Module> jdkModuleOf(String packageName) {
      for (Module m : ModuleLayer.boot().modules()) {
        String name = m.getName();
        if ((name.startsWith("java.") || name.startsWith("jdk.")) && m.getPackages().contains(packageName)) return Optional.of(m);
      }
      return Optional.empty();
    }

    boolean coversClass(String internalName) {
      if (!isPackage) return internalName.equals(prefix) || internalName.startsWith(prefix + "$");
      if (!internalName.startsWith(prefix)) return false;
      return subpackages || internalName.indexOf('/', prefix.length()) < 0;
    }

    boolean coversMethod(String name) {
      return method == null || name.equals(method) || name.startsWith("lambda$" + method + "$");
    }

    @Override
    public String toString() {
      return text;
    }
  }
}

package dev.weft.continuations.internal.abi;

import java.lang.reflect.Method;

/**
 * What a record's header means in source terms: per instrumented class, each method index's name
 * and each call site's line, read once from the class's {@link Instrumented} annotation. Reached
 * from a record's {@link ResumeEntry}, a lambda whose hidden class is named after its owner.
 */
final class SiteTable {
  private static final ClassValue<SiteTable> BY_ENTRY_CLASS = new ClassValue<>() {
    @Override
    protected SiteTable computeValue(Class<?> entryClass) {
      Class<?> owner = owner(entryClass);
      return owner == null ? NONE : new SiteTable(owner);
    }
  };
  private static final SiteTable NONE = new SiteTable();

  private final String className, source;
  private final String[] names;
  private final int[][] lines;

  private SiteTable() {
    className = source = null;
    names = new String[0];
    lines = new int[0][];
  }

  private SiteTable(Class<?> owner) {
    className = owner.getName();
    Instrumented meta = owner.getAnnotation(Instrumented.class);
    String[] sites = meta == null ? new String[0] : meta.sites();
    source = meta == null || meta.source().isEmpty() ? null : meta.source();
    names = new String[sites.length];
    lines = new int[sites.length][];
    for (int i = 0; i < sites.length; i++) {
      int colon = sites[i].lastIndexOf(':');
      names[i] = colon < 0 ? sites[i] : sites[i].substring(0, colon);
      String[] ls = colon < 0 || colon == sites[i].length() - 1 ? new String[0] : sites[i].substring(colon + 1).split(",");
      lines[i] = new int[ls.length];
      for (int j = 0; j < ls.length; j++) lines[i][j] = Integer.parseInt(ls[j]);
    }
  }

  static SiteTable of(ResumeEntry entry) {
    SiteTable t = BY_ENTRY_CLASS.get(entry.getClass());
    return t == NONE ? null : t;
  }

  StackTraceElement element(int method, int site) {
    String name = method < names.length ? names[method] : null;
    int line = method < lines.length && site < lines[method].length ? lines[method][site] : 0;
    return new StackTraceElement(className, name == null ? "?" : name, source, line > 0 ? line : -1);
  }

  /* Lambda classes are named Owner$$Lambda...: the owner is the class whose dispatcher it calls. */
  private static Class<?> owner(Class<?> entryClass) {
    String name = entryClass.getName();
    int i = name.indexOf("$$Lambda");
    if (i < 0) return null;
    try {
      Class<?> owner = Class.forName(name.substring(0, i), false, entryClass.getClassLoader());
      if (owner == Runner.class) return null;
      for (Method m : owner.getDeclaredMethods()) {
        if (m.getName().equals("weft$resume")) return owner;
      }
      return null;
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}

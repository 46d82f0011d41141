package dev.weft.continuations.instrument;

import dev.weft.continuations.instrument.internal.ClassInstrumenter;
import dev.weft.continuations.instrument.internal.Selection;
import dev.weft.continuations.instrument.internal.TypeHierarchy;
import dev.weft.continuations.instrument.internal.TypePoolHierarchy;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.CheckClassAdapter;

/** Test support: compile sources in memory, instrument class files, verify and load them child-first. */
final class ClassFiles {
  private ClassFiles() {}

  /** Compiles one source file against the test class path; returns class files by binary name. */
  static Map<String, byte[]> compile(String className, String source) {
    return compile(className, source, List.of());
  }

  /** {@link #compile(String, String)} with more javac options, such as {@code --release 8}. */
  static Map<String, byte[]> compile(String className, String source, List<String> options) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StandardJavaFileManager standard = javac.getStandardFileManager(null, null, null);
    Map<String, ByteArrayOutputStream> out = new HashMap<>();
    JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
      @Override
      public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind, FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + ".class"), kind) {
          @Override
          public OutputStream openOutputStream() {
            return out.computeIfAbsent(name, n -> new ByteArrayOutputStream());
          }
        };
      }
    };
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    StringWriter errors = new StringWriter();
    boolean ok = javac.getTask(errors, manager, null, javacOptions(options), null, List.of(file)).call();
    if (!ok) throw new AssertionError("javac failed:\n" + errors);
    Map<String, byte[]> classes = new HashMap<>();
    out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
    return classes;
  }

  private static List<String> javacOptions(List<String> more) {
    List<String> all = new java.util.ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"), "-g", "-Xlint:-options"));
    all.addAll(more);
    return all;
  }

  /** A hierarchy over the test class path plus the given in-memory classes. */
  static TypeHierarchy hierarchy(Map<String, byte[]> extra) {
    Map<String, byte[]> byName = new HashMap<>(extra);
    ClassFileLocator locator = new ClassFileLocator.Compound(new ClassFileLocator.Simple(byName),
        ClassFileLocator.ForClassLoader.of(ClassFiles.class.getClassLoader()));
    return new TypePoolHierarchy(TypePool.Default.of(locator));
  }

  /** Instruments every class; classes that need nothing are returned unchanged. */
  static Map<String, byte[]> instrument(Map<String, byte[]> classes, Selection selection) {
    return instrument(classes, selection, name -> true);
  }

  /**
   * Instruments the classes {@code which} accepts, with all of {@code classes} on the class path
   * (so that calls into the others can be classified); returns them all, the others unchanged.
   */
  static Map<String, byte[]> instrument(Map<String, byte[]> classes, Selection selection, java.util.function.Predicate<String> which) {
    TypeHierarchy hierarchy = hierarchy(classes);
    Map<String, byte[]> result = new HashMap<>();
    classes.forEach((name, bytes) -> {
      byte[] out = which.test(name) ? new ClassInstrumenter(hierarchy, selection).instrument(bytes) : null;
      result.put(name, out == null ? bytes : out);
    });
    return result;
  }

  /** Runs ASM's CheckClassAdapter with data-flow verification; returns its complaints, or "" if none. */
  static String verify(byte[] classFile, ClassLoader loader) {
    StringWriter report = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(classFile), loader, false, new PrintWriter(report));
    return report.toString();
  }

  /**
   * Runs an instrumented {@code body} in a continuation of the injection scope to its end; returns
   * how many times it was suspended.
   */
  static int runInjected(Runnable body) {
    dev.weft.continuations.Continuation k = new dev.weft.continuations.Continuation(
        dev.weft.continuations.internal.abi.Injection.INJECTION, suspendable(body));
    int suspensions = 0;
    for (k.run(); !k.isDone(); k.run()) suspensions++;
    return suspensions;
  }

  /**
   * {@code body} as the body of a continuation, entered cleanly: its {@code run()} called from an
   * instrumented frame. A method reference ({@code body::run}) made here would not do: its class is
   * not instrumented, so the suspension would be refused as made through an uninstrumented frame.
   */
  static dev.weft.continuations.SuspendableRunnable suspendable(Runnable body) {
    try {
      return (dev.weft.continuations.SuspendableRunnable) Harness.ADAPTER.getConstructor(Runnable.class).newInstance(body);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Harness {
    static final Class<?> ADAPTER = adapter();
  }

  private static Class<?> adapter() {
    String source = "package weft.harness;\n"
        + "public final class Adapter implements dev.weft.continuations.SuspendableRunnable {\n"
        + "  private final Runnable body;\n"
        + "  public Adapter(Runnable body) { this.body = body; }\n"
        + "  public void run() { body.run(); }\n"
        + "}\n";
    Map<String, byte[]> classes = instrument(compile("weft.harness.Adapter", source),
        dev.weft.continuations.instrument.internal.TestSelections.EVERY_METHOD);
    try {
      return childFirst(classes).loadClass("weft.harness.Adapter");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts a hand-written {@code public class name implements Runnable} with a
   * {@code public static int result} field and a public no-argument constructor, for bytecode
   * javac no longer writes; the caller adds {@code run()} and the rest, then {@code visitEnd}.
   */
  static org.objectweb.asm.ClassWriter runnableClass(int version, String internalName) {
    org.objectweb.asm.ClassWriter w = new org.objectweb.asm.ClassWriter(org.objectweb.asm.ClassWriter.COMPUTE_MAXS);
    w.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", new String[] {"java/lang/Runnable"});
    w.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "result", "I", null, null);
    org.objectweb.asm.MethodVisitor init = w.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    return w;
  }

  /** A loader that defines the given classes itself, before asking its parent. */
  static ClassLoader childFirst(Map<String, byte[]> classes) {
    return new ClassLoader(ClassFiles.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
          Class<?> c = findLoadedClass(name);
          if (c == null && classes.containsKey(name)) {
            byte[] b = classes.get(name);
            c = defineClass(name, b, 0, b.length);
          }
          if (c == null) return super.loadClass(name, resolve);
          if (resolve) resolveClass(c);
          return c;
        }
      }
    };
  }
}

package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.instrument.internal.ClassInstrumenter;
import dev.weft.continuations.instrument.internal.Selection;
import dev.weft.continuations.instrument.internal.TestSelections;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** The instrumenter applied in-process to freshly compiled fixtures, with every output verified. */
class ClassInstrumenterTest {
  private static final String FIXTURE = """
      package fx;
      import dev.weft.continuations.*;
      import java.util.concurrent.Callable;
      public class Fixture implements Callable<String> {
        static final ContinuationScope S = new ContinuationScope("fx");
        static long mix(long a, double b, String s) throws Suspend {
          long keep = a * 2;
          Continuation.suspend(S);
          return keep + (long) b + s.length();
        }
        public String call() {
          StringBuilder out = new StringBuilder();
          Continuation k = new Continuation(S, () -> out.append(mix(20, 1.5, "abc")));
          int runs = 0;
          while (!k.isDone()) { k.run(); runs++; }
          return out + "/" + runs;
        }
      }
      """;

  @Test
  void instrument_compiledFixture_verifiesLoadsAndRuns() throws Exception {
    Map<String, byte[]> classes = ClassFiles.instrument(ClassFiles.compile("fx.Fixture", FIXTURE), Selection.DECLARED);
    ClassLoader loader = ClassFiles.childFirst(classes);
    for (byte[] b : classes.values()) assertEquals("", ClassFiles.verify(b, loader));
    @SuppressWarnings("unchecked")
    Callable<String> fixture = (Callable<String>) loader.loadClass("fx.Fixture").getDeclaredConstructor().newInstance();
    assertEquals("44/2", fixture.call());
  }

  // SEMANTICS C18: instrumenting twice is a no-op
  @Test
  void instrument_twice_secondPassChangesNothing() {
    Map<String, byte[]> once = ClassFiles.instrument(ClassFiles.compile("fx.Fixture", FIXTURE), Selection.DECLARED);
    byte[] instrumented = once.get("fx.Fixture");
    assertNull(new ClassInstrumenter(ClassFiles.hierarchy(once), Selection.DECLARED).instrument(instrumented));
  }

  @Test
  void aClassInstrumentedByAnotherWeftVersion_isRefusedByName_notLeftToFailAtItsFirstCall() {
    Map<String, byte[]> once = ClassFiles.instrument(ClassFiles.compile("fx.Fixture", FIXTURE), Selection.DECLARED);
    // as an older Weft wrote it: the marker without the ABI version (which was then 1)
    org.objectweb.asm.tree.ClassNode node = new org.objectweb.asm.tree.ClassNode();
    new org.objectweb.asm.ClassReader(once.get("fx.Fixture")).accept(node, 0);
    for (org.objectweb.asm.tree.AnnotationNode a : node.visibleAnnotations) {
      if (a.desc.endsWith("/Instrumented;")) a.values.subList(0, 2).clear();
    }
    org.objectweb.asm.ClassWriter w = new org.objectweb.asm.ClassWriter(0);
    node.accept(w);
    InstrumentationException e = assertThrows(InstrumentationException.class,
        () -> new ClassInstrumenter(ClassFiles.hierarchy(once), Selection.DECLARED).instrument(w.toByteArray()));
    assertTrue(e.getMessage().contains("class fx.Fixture was instrumented by another version of Weft (frame ABI 1;"), e.getMessage());
    assertTrue(e.getMessage().contains("mvn clean verify"), e.getMessage());
  }

  @Test
  void instrument_classWithoutSuspendableMethods_isLeftAlone() {
    Map<String, byte[]> classes = ClassFiles.compile("fx.PlainOne", "package fx; public class PlainOne { int f(int x) { return x + 1; } }");
    assertNull(new ClassInstrumenter(ClassFiles.hierarchy(classes), Selection.DECLARED).instrument(classes.get("fx.PlainOne")));
  }

  @Test
  void instrument_constructorThatSuspends_isRefusedNamingIt() {
    Map<String, byte[]> classes = ClassFiles.compile("fx.Ctor", """
        package fx;
        import dev.weft.continuations.*;
        public class Ctor {
          Ctor() throws Suspend { Continuation.suspend(new ContinuationScope("x")); }
        }
        """);
    InstrumentationException e = assertThrows(InstrumentationException.class,
        () -> new ClassInstrumenter(ClassFiles.hierarchy(classes), Selection.DECLARED).instrument(classes.get("fx.Ctor")));
    assertTrue(e.getMessage().contains("fx.Ctor.<init>()V"), e.getMessage());
    assertTrue(e.getMessage().contains("a constructor cannot suspend"), e.getMessage());
    assertTrue(e.getMessage().contains("Ctor.java:4"), e.getMessage());
  }

  @Test
  void instrument_callToMissingClass_isRefusedNamingTheCall() {
    Map<String, byte[]> classes = ClassFiles.compile("fx.Missing", """
        package fx;
        import dev.weft.continuations.*;
        public class Missing {
          static class Gone { static void g() {} }
          static void m() throws Suspend { Gone.g(); }
        }
        """);
    classes.remove("fx.Missing$Gone");
    InstrumentationException e = assertThrows(InstrumentationException.class,
        () -> new ClassInstrumenter(ClassFiles.hierarchy(classes), Selection.DECLARED).instrument(classes.get("fx.Missing")));
    assertTrue(e.getMessage().contains("fx.Missing$Gone.g()V"), e.getMessage());
  }

  @Test
  void instrument_everyMethodMode_instrumentsPlainMethodsToo() {
    Map<String, byte[]> classes = ClassFiles.compile("fx.PlainTwo", """
        package fx;
        public class PlainTwo {
          int f(int x) { return g(x) + g(x + 1); }
          int g(int x) { return x * 2; }
        }
        """);
    ClassInstrumenter instrumenter = new ClassInstrumenter(ClassFiles.hierarchy(classes), TestSelections.EVERY_METHOD);
    byte[] out = instrumenter.instrument(classes.get("fx.PlainTwo"));
    assertNotNull(out);
    assertEquals(1, instrumenter.methodsInstrumented);
    assertEquals("", ClassFiles.verify(out, ClassFiles.childFirst(Map.of("fx.PlainTwo", out))));
  }

  /** The control for every "verifies" assertion: a class that is wrong must be reported. */
  @Test
  void verify_brokenClass_reportsTheError() {
    org.objectweb.asm.ClassWriter w = new org.objectweb.asm.ClassWriter(org.objectweb.asm.ClassWriter.COMPUTE_MAXS);
    w.visit(org.objectweb.asm.Opcodes.V17, org.objectweb.asm.Opcodes.ACC_PUBLIC, "fx/Broken", null, "java/lang/Object", null);
    org.objectweb.asm.MethodVisitor m = w.visitMethod(org.objectweb.asm.Opcodes.ACC_STATIC, "f", "(Ljava/lang/String;)I", null, null);
    m.visitCode();
    m.visitVarInsn(org.objectweb.asm.Opcodes.ALOAD, 0);
    m.visitInsn(org.objectweb.asm.Opcodes.IRETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();
    w.visitEnd();
    String report = ClassFiles.verify(w.toByteArray(), getClass().getClassLoader());
    assertTrue(report.contains("Expected I, but found Ljava/lang/String;"), report);
  }

  @Test
  void instrument_methodTooLargeOnceInstrumented_isRefusedNamingIt() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 1800; i++) body.append("    x += step(x, ").append(i).append(");\n");
    Map<String, byte[]> classes = ClassFiles.compile("fx.Huge", "package fx;\nimport dev.weft.continuations.*;\n"
        + "public class Huge {\n  static long step(long x, int i) throws Suspend { return x + i; }\n"
        + "  static long big(long x) throws Suspend {\n" + body + "    return x;\n  }\n}\n");
    InstrumentationException e = assertThrows(InstrumentationException.class,
        () -> new ClassInstrumenter(ClassFiles.hierarchy(classes), Selection.DECLARED).instrument(classes.get("fx.Huge")));
    assertTrue(e.getMessage().contains("fx.Huge.big"), e.getMessage());
    assertTrue(e.getMessage().contains("64 KiB"), e.getMessage());
  }
}

package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.SuspendException;
import dev.weft.continuations.SuspendableRunnable;
import dev.weft.continuations.instrument.internal.Selection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Since frame ABI 7 a call on a receiver whose static type is a final class leaves a token that is
 * a dynamic constant (the method's token mixed with that class, resolved once), and an instance
 * method's entry compares against the mix with its own class resolved the same way; class files
 * older than Java 11, which cannot hold such constants, hash at run time as before. Either way the
 * same calls must be clean, and a call through an uninstrumented final class of the same name
 * must still be refused.
 */
class FinalReceiverTokenTest {
  private static final String STEPS = "package fx;\n"
      + "import dev.weft.continuations.*;\n"
      + "public class Steps {\n"
      + "  public static final ContinuationScope SCOPE = new ContinuationScope(\"final-steps\");\n"
      + "  public static final class Counter {\n"
      + "    int n;\n"
      + "    public int next() throws Suspend { Continuation.suspend(SCOPE); return ++n; }\n"
      + "  }\n"
      + "  public static class Base {\n"
      + "    public int next() throws Suspend { Continuation.suspend(SCOPE); return 40; }\n"
      + "  }\n"
      + "  public static final class Leaf extends Base {}\n"
      + "  public static final class Run implements SuspendableRunnable {\n"
      + "    private final String how;\n"
      + "    public int result;\n"
      + "    public Run(String how) { this.how = how; }\n"
      + "    public void run() throws Suspend {\n"
      + "      if (how.equals(\"final\")) { Counter c = new Counter(); result = c.next() + c.next(); }\n"
      + "      else if (how.equals(\"inherited\")) { Leaf l = new Leaf(); result = l.next() + 2; }\n"
      + "      else { Wrap w = new Wrap(); result = w.next(); }\n"
      + "    }\n"
      + "  }\n"
      + "}\n"
      + "final class Wrap {\n"
      + "  public int next() throws Suspend { return new Steps.Counter().next() * 10; }\n"
      + "}\n";

  @Test
  void callOnAFinalClass_isClean_andItsTokenIsAConstant() throws Exception {
    Map<String, byte[]> classes = instrumented(List.of());
    assertEquals(3, run(classes, "final", 2)); // 1 + 2, each next() suspended once
    assertTrue(holdsMixedTokenConstant(classes.get("fx.Steps$Run")), "the call site's token is a dynamic constant");
    assertTrue(holdsMixedTokenConstant(classes.get("fx.Steps$Counter")), "the entry compares with a dynamic constant");
  }

  @Test
  void callOnAFinalClass_ofAnInheritedMethod_isClean() throws Exception {
    assertEquals(42, run(instrumented(List.of()), "inherited", 1));
  }

  @Test
  void throughAnUninstrumentedFinalClass_ofTheSameName_isRefused_namingIt() throws Exception {
    SuspendException e = assertThrows(SuspendException.class, () -> run(instrumented(List.of()), "wrapped", 1));
    assertTrue(e.getMessage().contains("Wrap.next"), e.getMessage());
  }

  @Test
  void classFilesOfJava8_hashAtRunTime_withTheSameOutcomes() throws Exception {
    Map<String, byte[]> classes = instrumented(List.of("--release", "8"));
    assertFalse(holdsMixedTokenConstant(classes.get("fx.Steps$Run")));
    assertEquals(3, run(classes, "final", 2));
    assertEquals(42, run(classes, "inherited", 1));
    SuspendException e = assertThrows(SuspendException.class, () -> run(classes, "wrapped", 1));
    assertTrue(e.getMessage().contains("Wrap.next"), e.getMessage());
  }

  @Test
  void instrumentedClasses_pass_theVerifier() throws Exception {
    Map<String, byte[]> classes = instrumented(List.of());
    ClassLoader loader = ClassFiles.childFirst(classes);
    for (String name : List.of("fx.Steps$Run", "fx.Steps$Counter", "fx.Steps$Base")) {
      assertEquals("", ClassFiles.verify(classes.get(name), loader), name);
    }
  }

  /* Steps and its nested classes instrumented; Wrap, in the same file, not. */
  private static Map<String, byte[]> instrumented(List<String> options) {
    return ClassFiles.instrument(ClassFiles.compile("fx.Steps", STEPS, options), Selection.DECLARED, name -> !name.equals("fx.Wrap"));
  }

  private static boolean holdsMixedTokenConstant(byte[] classFile) {
    return new String(classFile, StandardCharsets.ISO_8859_1).contains("mixedToken");
  }

  /* Runs Steps.Run(how) in a continuation, resuming it until it ends; checks how often it suspended. */
  private static int run(Map<String, byte[]> classes, String how, int suspensions) throws Exception {
    ClassLoader loader = ClassFiles.childFirst(classes);
    ContinuationScope scope = (ContinuationScope) loader.loadClass("fx.Steps").getField("SCOPE").get(null);
    Object run = loader.loadClass("fx.Steps$Run").getConstructor(String.class).newInstance(how);
    Continuation k = new Continuation(scope, (SuspendableRunnable) run);
    for (int i = 0; i < suspensions; i++) {
      k.run();
      assertFalse(k.isDone(), "suspended " + (i + 1) + " times");
    }
    k.run();
    assertTrue(k.isDone());
    return run.getClass().getField("result").getInt(run);
  }
}

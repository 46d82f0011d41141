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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shapes of an uninstrumented frame between two instrumented ones that keep the receiver's
 * class, so that the receiver-mixed token alone matched: each lost the uninstrumented frame at the
 * suspension, and on resume the inner result reached the outer call as if that frame had returned
 * it (1007 instead of 1070). The classes named {@code LeftOut*} stand for a module built without
 * the plugin; every other class is instrumented.
 */
class SubclassThroughUninstrumentedFrameTest {
  private static final String SOURCE = "package fx;\n"
      + "import dev.weft.continuations.*;\n"
      + "public class Shapes {\n"
      + "  public static final ContinuationScope SCOPE = new ContinuationScope(\"shapes\");\n"
      + "  public static class Base {\n"
      + "    public int m() throws Suspend { Continuation.suspend(SCOPE); return 7; }\n"
      + "    public int viaPrivate() throws Suspend { return p(); }\n"
      + "    private int p() throws Suspend { Continuation.suspend(SCOPE); return 7; }\n"
      + "    public static int callP(Base b) throws Suspend { return b.p(); }\n" // a nestmate-style call on any receiver
      + "  }\n"
      + "  public static class Overrides extends Base {\n" // instrumented override calling super
      + "    public int m() throws Suspend { return super.m() * 10; }\n"
      + "  }\n"
      + "  public static class Inherits extends Overrides {}\n" // super from Overrides, on a subclass receiver
      + "  public static class Plain extends Base {}\n" // no override: m() dispatches straight to Base.m
      + "  public static class Callee extends Base {\n"
      + "    public int m() throws Suspend { Continuation.suspend(SCOPE); return 7; }\n"
      + "    public int viaSuper() throws Suspend { return super.m() * 10; }\n"
      + "  }\n"
      + "  public static class SuperCaller extends LeftOutBase {\n" // instrumented, over an uninstrumented superclass
      + "    public int m() throws Suspend { Continuation.suspend(SCOPE); return 7; }\n"
      + "    public int viaSuper() throws Suspend { return super.m() * 10; }\n"
      + "  }\n"
      + "  public static class LeftOutNested extends Base {\n" // not instrumented: same-named method calling the private one
      + "    public int p() throws Suspend { return ((Base) this).p() * 10; }\n"
      + "  }\n"
      + "  public static class Run implements SuspendableRunnable {\n"
      + "    private final Base target;\n"
      + "    private final String how;\n"
      + "    public int result;\n"
      + "    public Run(Base target, String how) { this.target = target; this.how = how; }\n"
      + "    public void run() throws Suspend {\n"
      + "      int v;\n"
      + "      switch (how) {\n"
      + "        case \"m\": v = target.m(); break;\n"
      + "        case \"private\": v = Base.callP(target); break;\n"
      + "        case \"nestedP\": v = ((LeftOutNested) target).p(); break;\n"
      + "        case \"viaSuper\": v = target instanceof Callee ? ((Callee) target).viaSuper() : ((SuperCaller) target).viaSuper(); break;\n"
      + "        default: throw new IllegalArgumentException(how);\n"
      + "      }\n"
      + "      result = v + 1000;\n"
      + "    }\n"
      + "  }\n"
      + "}\n"
      + "class LeftOutOverride extends Shapes.Base {\n" // override calling super, not instrumented
      + "  public int m() throws Suspend { return super.m() * 10; }\n"
      + "}\n"
      + "class LeftOutUnrelated extends Shapes.Base {\n" // not instrumented, but declares no m(): harmless
      + "  public int other() throws Suspend { return m() + 1; }\n"
      + "}\n"
      + "class LeftOutBase extends Shapes.Base {\n" // not instrumented: m() calls m() on another object of its subclass
      + "  public int m() throws Suspend { return new Shapes.SuperCaller().m() * 10; }\n"
      + "}\n";

  private static final Set<String> LEFT_OUT = Set.of("fx.LeftOutOverride", "fx.LeftOutUnrelated", "fx.LeftOutBase", "fx.Shapes$LeftOutNested");

  @ParameterizedTest
  @ValueSource(strings = {"Base", "Plain", "LeftOutUnrelated"})
  void inheritedMethod_onAnInstrumentedOrHarmlessReceiver_suspends(String receiver) throws Exception {
    assertEquals(1007, runToEnd(receiver, "m"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Overrides", "Inherits"})
  void instrumentedOverride_callingSuper_suspends(String receiver) throws Exception {
    assertEquals(1070, runToEnd(receiver, "m"));
  }

  @Test
  void privateMethod_calledFromItsClass_onASubclassReceiver_suspends() throws Exception {
    assertEquals(1007, runToEnd("Plain", "private"));
  }

  @Test
  void superCall_intoAnInstrumentedMethod_suspends() throws Exception {
    assertEquals(1070, runToEnd("Callee", "viaSuper"));
  }

  /**
   * Each shape with an uninstrumented frame in between: refused, naming that frame. In order: an
   * uninstrumented override calling super; a same-named uninstrumented method of a nestmate
   * subclass calling the private one; SuperCaller.viaSuper's super.m() landing in LeftOutBase.m
   * (not instrumented), which calls m() on a fresh SuperCaller (with the receiver's class in the
   * super call's token, that instrumented m took it as its own: 1070 instead of 1700).
   */
  @ParameterizedTest
  @CsvSource({
      "LeftOutOverride, m, LeftOutOverride.m",
      "Shapes$LeftOutNested, nestedP, LeftOutNested.p",
      "SuperCaller, viaSuper, LeftOutBase.m"})
  void throughAnUninstrumentedFrame_isRefused_namingIt(String receiver, String how, String frame) {
    SuspendException e = assertThrows(SuspendException.class, () -> runToEnd(receiver, how));
    assertTrue(e.getMessage().contains(frame), e.getMessage());
  }

  private static Map<String, byte[]> classes;

  private static synchronized Map<String, byte[]> classes() {
    if (classes == null) {
      classes = ClassFiles.instrument(ClassFiles.compile("fx.Shapes", SOURCE), Selection.DECLARED, name -> !LEFT_OUT.contains(name));
    }
    return classes;
  }

  /** Runs Shapes.Run(new receiver(), how) in a continuation that must suspend exactly once; returns its result. */
  private static int runToEnd(String receiver, String how) throws Exception {
    ClassLoader loader = ClassFiles.childFirst(classes());
    Class<?> type = loader.loadClass(receiver.startsWith("LeftOut") || receiver.contains("$") ? "fx." + receiver : "fx.Shapes$" + receiver);
    java.lang.reflect.Constructor<?> make = type.getDeclaredConstructor();
    make.setAccessible(true); // the LeftOut classes are package-private
    Object target = make.newInstance();
    ContinuationScope scope = (ContinuationScope) loader.loadClass("fx.Shapes").getField("SCOPE").get(null);
    Object run = loader.loadClass("fx.Shapes$Run").getConstructor(loader.loadClass("fx.Shapes$Base"), String.class)
        .newInstance(target, how);
    Continuation k = new Continuation(scope, (SuspendableRunnable) run);
    k.run();
    assertFalse(k.isDone(), receiver + "." + how + ": suspended once");
    k.run();
    assertTrue(k.isDone(), receiver + "." + how);
    return run.getClass().getField("result").getInt(run);
  }
}

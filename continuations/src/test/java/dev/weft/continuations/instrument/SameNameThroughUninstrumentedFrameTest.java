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
import dev.weft.continuations.instrument.internal.TestSelections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An instrumented method that calls an uninstrumented one of the same name and descriptor, which
 * calls an instrumented one that suspends (the peer suite's CharSet case: an instrumented
 * {@code toString()} through a JDK collection's {@code toString()} to an element's). The inner
 * frame must not take the outer call's token as its own: the suspension is refused, naming the
 * uninstrumented frame, and never taken through it (which went on with a dummy value and then
 * handed the inner result to the outer call).
 */
class SameNameThroughUninstrumentedFrameTest {
  /** Steps and its nested classes are instrumented; Wrappers, in the same file, is not. */
  private static final String STEPS = "package fx;\n"
      + "import dev.weft.continuations.*;\n"
      + "public class Steps {\n"
      + "  public static final ContinuationScope SCOPE = new ContinuationScope(\"steps\");\n"
      + "  public interface Step { int run() throws Suspend; }\n"
      + "  public static final class Inner implements Step {\n"
      + "    public int run() throws Suspend { Continuation.suspend(SCOPE); return 7; }\n"
      + "  }\n"
      + "  public static Step lambda() { return () -> { Continuation.suspend(SCOPE); return 8; }; }\n"
      + "  public static Step times10(Step inner) { return new Wrappers.Times10(inner); }\n"
      + "  public static Step times10Lambda(Step inner) { return Wrappers.times10(inner); }\n"
      + "  public static final class Run implements SuspendableRunnable {\n"
      + "    private final Step step;\n"
      + "    public int result;\n"
      + "    public Run(Step step) { this.step = step; }\n"
      + "    public void run() throws Suspend { result = step.run() + 1000; }\n"
      + "  }\n"
      + "}\n"
      + "class Wrappers {\n"
      + "  static final class Times10 implements Steps.Step {\n"
      + "    private final Steps.Step inner;\n"
      + "    Times10(Steps.Step inner) { this.inner = inner; }\n"
      + "    public int run() throws Suspend { return inner.run() * 10; }\n"
      + "  }\n"
      + "  static Steps.Step times10(Steps.Step inner) { return () -> inner.run() * 10; }\n"
      + "}\n";

  @Test
  void directCall_ofTheSameName_stillSuspends() throws Exception {
    ClassLoader loader = load();
    assertEquals(1007, runToEnd(loader, "new Inner"));
    assertEquals(1008, runToEnd(loader, "lambda"));
  }

  @Test
  void throughAnUninstrumentedClass_ofTheSameName_isRefused_namingIt() throws Exception {
    ClassLoader loader = load();
    SuspendException e = assertThrows(SuspendException.class, () -> runToEnd(loader, "new Times10(new Inner)"));
    assertTrue(e.getMessage().contains("Wrappers$Times10.run"), e.getMessage());
  }

  @Test
  void throughAnUninstrumentedLambda_intoAnInstrumentedLambda_isRefused() throws Exception {
    ClassLoader loader = load();
    SuspendException e = assertThrows(SuspendException.class, () -> runToEnd(loader, "times10(lambda)"));
    assertTrue(e.getMessage().contains("Wrappers"), e.getMessage());
  }

  @Test
  void instanceCall_throughTheJdk_toAnElementsToString_isRefused_andTheResultStaysCorrect() throws Exception {
    String source = "package fx;\n"
        + "public class Elements implements Runnable {\n"
        + "  public static final class Element {\n"
        + "    public String toString() { return \"e\" + String.valueOf(1); }\n"
        + "  }\n"
        + "  public static String result;\n"
        + "  public void run() {\n"
        + "    java.util.List<Element> list = new java.util.ArrayList<>();\n"
        + "    list.add(new Element());\n"
        + "    result = list.toString() + list.get(0).toString();\n"
        + "  }\n"
        + "}\n";
    Map<String, byte[]> classes = ClassFiles.instrument(ClassFiles.compile("fx.Elements", source), TestSelections.INJECT);
    Class<?> type = ClassFiles.childFirst(classes).loadClass("fx.Elements");
    Runnable elements = (Runnable) type.getDeclaredConstructor().newInstance();
    // Inside Element.toString() every injected suspension is refused under ArrayList's toString (a
    // JDK frame) and so does nothing; called directly, it is taken. Before the fix, the one under
    // the JDK frame was taken too, and on resume its result reached the outer call: "[null]e1".
    int suspensions = ClassFiles.runInjected(elements);
    assertEquals("[e1]e1", type.getField("result").get(null));
    // run(): add, toString, get, toString; Element.toString() called directly: valueOf.
    assertEquals(5, suspensions);
  }

  private static ClassLoader load() {
    Map<String, byte[]> all = ClassFiles.compile("fx.Steps", STEPS);
    Map<String, byte[]> steps = new HashMap<>(all);
    steps.keySet().removeIf(name -> name.startsWith("fx.Wrappers"));
    all.putAll(ClassFiles.instrument(steps, Selection.DECLARED));
    return ClassFiles.childFirst(all);
  }

  /** Runs {@code Steps.Run(step)} in a continuation to its end; {@code step} as {@code what} says. */
  private static int runToEnd(ClassLoader loader, String what) throws Exception {
    Class<?> steps = loader.loadClass("fx.Steps");
    Class<?> stepType = loader.loadClass("fx.Steps$Step");
    Object inner = loader.loadClass("fx.Steps$Inner").getDeclaredConstructor().newInstance();
    Object lambda = steps.getMethod("lambda").invoke(null);
    Object step;
    switch (what) {
      case "new Inner": step = inner; break;
      case "lambda": step = lambda; break;
      case "new Times10(new Inner)": step = steps.getMethod("times10", stepType).invoke(null, inner); break;
      case "times10(lambda)": step = steps.getMethod("times10Lambda", stepType).invoke(null, lambda); break;
      default: throw new IllegalArgumentException(what);
    }
    ContinuationScope scope = (ContinuationScope) steps.getField("SCOPE").get(null);
    Object run = loader.loadClass("fx.Steps$Run").getConstructor(stepType).newInstance(step);
    Continuation k = new Continuation(scope, (SuspendableRunnable) run);
    k.run();
    assertFalse(k.isDone(), "suspended once");
    k.run();
    assertTrue(k.isDone());
    return run.getClass().getField("result").getInt(run);
  }
}

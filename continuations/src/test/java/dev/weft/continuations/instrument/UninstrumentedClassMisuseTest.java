package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.SuspendException;
import dev.weft.continuations.SuspendableRunnable;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #9, bad input, SEMANTICS C9: a class that was compiled against Weft but never instrumented
 * (no plugin, no agent) sits between a continuation and a suspension. The suspension is refused
 * with a message naming that class's method and the three ways to instrument it.
 */
class UninstrumentedClassMisuseTest {
  static final ContinuationScope S = new ContinuationScope("uninstrumented");

  @Test
  void suspend_throughUninstrumentedClass_namesItsMethodAndTheFix() throws Exception {
    Map<String, byte[]> plain = ClassFiles.compile("fx.PlainCaller",
        "package fx;\n"
            + "import dev.weft.continuations.*;\n"
            + "public class PlainCaller implements SuspendableRunnable {\n"
            + "  private final ContinuationScope scope;\n"
            + "  public PlainCaller(ContinuationScope scope) { this.scope = scope; }\n"
            + "  public void run() throws Suspend {\n"
            + "    Continuation.suspend(scope);\n"
            + "  }\n"
            + "}\n");
    SuspendableRunnable body = (SuspendableRunnable) ClassFiles.childFirst(plain)
        .loadClass("fx.PlainCaller").getDeclaredConstructor(ContinuationScope.class).newInstance(S);
    Continuation k = new Continuation(S, body);
    SuspendException e = assertThrows(SuspendException.class, k::run);
    String m = e.getMessage();
    assertTrue(m.contains("cannot suspend"), m);
    assertTrue(m.contains("through fx.PlainCaller.run()V (PlainCaller.java:"), m);
    assertTrue(m.contains("class not instrumented"), m);
    assertTrue(m.contains("WeftPlugin") && m.contains("-javaagent") && m.contains("Weft.install()"), m);
    assertTrue(k.isDone());
  }
}

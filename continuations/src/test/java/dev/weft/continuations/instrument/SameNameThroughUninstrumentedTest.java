package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendException;
import dev.weft.continuations.SuspendableRunnable;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An uninstrumented method that calls an instrumented one of the same name and descriptor leaves
 * the call-site token its own caller set: the callee must still not take it as a clean call.
 */
class SameNameThroughUninstrumentedTest {
  static final ContinuationScope S = new ContinuationScope("same-name");

  public static final class Inner implements SuspendableRunnable {
    @Override
    public void run() throws Suspend {
      Continuation.suspend(S);
    }
  }

  @Test
  void uninstrumentedWrapperCallingAnInstrumentedMethodOfTheSameName_isRefused() throws Exception {
    Map<String, byte[]> plain = ClassFiles.compile("fx.Wrapper",
        "package fx;\n"
            + "import dev.weft.continuations.*;\n"
            + "public class Wrapper implements SuspendableRunnable {\n"
            + "  private final SuspendableRunnable inner;\n"
            + "  public static int after;\n"
            + "  public Wrapper(SuspendableRunnable inner) { this.inner = inner; }\n"
            + "  public void run() throws Suspend {\n"
            + "    inner.run();\n"
            + "    after++;\n"
            + "  }\n"
            + "}\n");
    SuspendableRunnable body = (SuspendableRunnable) ClassFiles.childFirst(plain)
        .loadClass("fx.Wrapper").getDeclaredConstructor(SuspendableRunnable.class).newInstance(new Inner());
    Continuation k = new Continuation(S, body);
    assertThrows(SuspendException.class, k::run);
  }
}

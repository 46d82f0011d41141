package dev.weft.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Asserts the order in which things happen, as kotlinx.coroutines' {@code TestBase} does: each
 * place in the test announces its step number, and the numbers must come in order.
 *
 * <pre>{@code
 * Steps steps = new Steps();
 * Generator<Integer, Object, Void> gen = Generator.of(y -> {
 *   steps.expect(2);
 *   y.yield(1);
 *   steps.expectUnreached();
 * });
 * steps.expect(1);
 * gen.next();            // runs the body to its yield: step 2
 * steps.finish(3);
 * }</pre>
 */
public final class Steps {
  private int last;
  private boolean finished;

  /** Records step {@code n}, which must follow the previous one directly. */
  public synchronized void expect(int n) {
    if (finished) fail("step " + n + " after finish(" + last + ")");
    assertEquals(last + 1, n, "steps out of order");
    last = n;
  }

  /** Records the last step. */
  public synchronized void finish(int n) {
    expect(n);
    finished = true;
  }

  /** Fails: this place must never be reached. */
  public void expectUnreached() {
    fail("reached a place that must not be reached (after step " + last + ")");
  }

  /** The last step recorded. */
  public synchronized int last() {
    return last;
  }
}

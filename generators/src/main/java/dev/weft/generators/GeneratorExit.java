package dev.weft.generators;

/**
 * Python's {@code GeneratorExit}: raised at the paused {@code yield} by {@link Generator#close()} so
 * that the body's {@code finally} blocks run.
 *
 * <pre>{@code
 * Generator<Integer, Object, Void> g = Generator.of(y -> {
 *   try { y.yield(1); y.yield(2); } finally { System.out.println("cleaned up"); }
 * });
 * g.next();
 * g.close();            // prints "cleaned up"
 * }</pre>
 *
 * <p>It extends {@link Error}, as Python's is a {@code BaseException}: a {@code catch (Exception e)}
 * in the body does not swallow it. A body that catches {@code Throwable} must rethrow it.
 */
public class GeneratorExit extends Error {
  private static final long serialVersionUID = 1L;

  public GeneratorExit() {
    super(null, null, false, false);
  }

  public GeneratorExit(String message) {
    super(message, null, false, false);
  }
}

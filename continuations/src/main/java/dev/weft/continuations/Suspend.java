package dev.weft.continuations;

/**
 * Marks a method that may suspend the continuation running it: the Java spelling of Python's
 * {@code async def} and of a generator function's {@code yield}.
 *
 * <p>Declaring {@code throws Suspend} does two things. javac forces every caller to declare it too,
 * so the chain of frames that can be suspended is visible in the source, and Weft's instrumenter
 * rewrites exactly those methods so that their frames can be saved and restored. No {@code Suspend}
 * is ever thrown at run time: user code never sees one, and a {@code catch (Exception e)} around a
 * suspendable call never catches the suspension.
 *
 * <pre>{@code
 * static void ticker(ContinuationScope scope) throws Suspend {
 *   for (int i = 0; ; i++) {
 *     System.out.println("tick " + i);
 *     Continuation.suspend(scope);        // returns when the continuation is run again
 *   }
 * }
 * }</pre>
 */
public class Suspend extends Exception {
  private static final long serialVersionUID = 1L;

  /** Only the runtime could need one; kept protected so the type stays a marker. */
  protected Suspend() {
    super(null, null, false, false);
  }
}

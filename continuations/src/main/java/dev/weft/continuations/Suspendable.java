package dev.weft.continuations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a suspension point when it cannot declare {@code throws Suspend}, typically
 * because it implements an interface such as {@link java.util.Iterator#next()}.
 *
 * <p>A call to an annotated method is treated by the instrumenter exactly like a call to a method
 * declaring {@code throws Suspend}: the caller's frame can be saved across it. Unlike the checked
 * marker, javac does not force callers to be suspendable, so a suspension that reaches an
 * uninstrumented caller fails with a {@link SuspendException} naming that caller.
 *
 * <pre>{@code
 * static final ContinuationScope TICKS = new ContinuationScope("ticks");
 *
 * static final class Ticks implements Iterator<Integer> {
 *   private int n;
 *   public boolean hasNext() { return true; }
 *
 *   @Suspendable                              // Iterator.next cannot declare throws Suspend
 *   public Integer next() {
 *     try {
 *       Continuation.suspend(TICKS);          // unwinds to whoever runs the continuation
 *     } catch (Suspend never) {               // no Suspend is ever thrown
 *       throw new AssertionError(never);
 *     }
 *     return n++;
 *   }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Suspendable {}

package dev.weft.continuations.internal;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.internal.abi.Carrier;
import dev.weft.continuations.internal.abi.Frames;
import dev.weft.continuations.internal.abi.Runner;
import java.lang.invoke.MethodType;

/**
 * Suspension as the layers above need it: a value (or an exception) handed to the call that
 * suspended, and suspension from a small uninstrumented method on behalf of its caller.
 *
 * <p>{@link #suspendCaller} is for methods such as a generator's {@code yield} or a greenlet's
 * switch: a method declaring {@code throws Suspend} whose only work after the suspension would be
 * to return the value it was resumed with. Instead of being instrumented and becoming a frame of
 * its own (saved and restored on every yield), it calls {@code suspendCaller} and returns; its
 * caller, instrumented, saves itself; on resume the runner hands the value given to
 * {@link #resumeWith} straight to the caller's call site. One frame fewer per yield.
 *
 * <pre>{@code
 * static final long YIELD = Suspensions.tokenOf(Yielder.class, "yield", Object.class);
 *
 * public S yield(Y value) throws Suspend {                 // not instrumented: no suspendable call
 *   this.yielded = value;
 *   return (S) Suspensions.suspendCaller(SCOPE, YIELD);
 * }
 * // the driver (k a Runner): Suspensions.resumeWith(k, sent, null); k.run();   -> yield returns sent
 * }</pre>
 */
public final class Suspensions {
  private Suspensions() {}

  /**
   * The call-site token of {@code owner.name(params)}: the hash of its name and descriptor (and,
   * for a static method, of {@code owner}) that instrumented call sites leave (see
   * {@code Frames.tokenOf} and {@code Frames.staticTokenName}). Compute the token
   * of a method calling {@link #suspendCaller} with this in a static initialiser, never by hand:
   * a typo in a hand-written descriptor makes every suspension through it fail.
   *
   * @throws IllegalArgumentException if {@code owner} declares no such method
   */
  public static long tokenOf(Class<?> owner, String name, Class<?>... params) {
    try {
      java.lang.reflect.Method m = owner.getDeclaredMethod(name, params);
      String desc = MethodType.methodType(m.getReturnType(), params).toMethodDescriptorString();
      return Frames.tokenOf(java.lang.reflect.Modifier.isStatic(m.getModifiers())
          ? Frames.staticTokenName(owner.getName().replace('.', '/'), name, desc) : name + desc);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("no method " + name + " with those parameters in " + owner.getName(), e);
    }
  }

  /**
   * The token a call on a receiver of exactly {@code receiverClass} leaves for the instance method
   * whose own token is {@code token}: for a final class, computed once, it lets
   * {@link #suspendCaller(ContinuationScope, long)} skip the receiver's class at every call.
   */
  public static long onReceiverClass(long token, Class<?> receiverClass) {
    return Frames.mix(token, receiverClass);
  }

  /**
   * Sets what the call that suspended {@code k} returns at its next {@link Runner#run(Carrier)},
   * or throws if {@code failure} is not null. Without it that call returns null.
   */
  public static void resumeWith(Runner k, Object value, Throwable failure) {
    k.resumeWith(value, failure);
  }

  /**
   * Suspends the innermost continuation of {@code scope} on behalf of the method that calls this,
   * which must not be instrumented, must have been called at a suspension point whose token is
   * {@code ownToken} (its own name and descriptor), and must return right after. An instance
   * method must be one of a final class, with {@code ownToken} from {@link #onReceiverClass}: its
   * callers mix their receiver's class into the token they leave. Returns null; the
   * caller's caller receives the value given to {@link #resumeWith} when resumed.
   *
   * <p>Deliberately not declared {@code throws Suspend}: a call to it must not be a suspension point,
   * or its caller would be instrumented and become a frame after all.
   *
   * @throws dev.weft.continuations.SuspendException as {@link Continuation#suspend} does
   */
  public static Object suspendCaller(ContinuationScope scope, long ownToken) {
    Runner.suspendCaller(scope, ownToken);
    return null;
  }

  /**
   * {@link #suspendCaller(ContinuationScope, long)} on {@code c}, the calling thread's carrier,
   * for a layer that has it at hand (the driver that ran the body saw it): no lookup of the
   * thread's carrier. Passing another thread's carrier corrupts that thread's continuations.
   */
  public static Object suspendCaller(Carrier c, ContinuationScope scope, long ownToken) {
    Runner.suspendCaller(c, scope, ownToken);
    return null;
  }
}

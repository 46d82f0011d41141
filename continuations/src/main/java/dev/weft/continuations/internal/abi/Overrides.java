package dev.weft.continuations.internal.abi;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * Whether an uninstrumented method of the same name and descriptor lies between a receiver's class
 * and the class that declares the instrumented method it entered: the two shapes of an
 * uninstrumented frame in between that keep the receiver's class (see {@link Frames}). A call made
 * on the receiver reaches the declaring class's method only if no class in between declares one
 * of the same name and descriptor; if one does, the method was reached through that one (an
 * override calling {@code super}, or a same-named method of a nestmate subclass calling a private
 * one), whose frame would be lost at a suspension. An instrumented one in between would have left
 * a token of its own, so only uninstrumented methods count: those without the
 * {@link Instrumented} marker, such as a class compiled against Weft in a module without the
 * plugin.
 *
 * <p>Read by reflection once per class; the answer for a receiver class, declaring class and
 * method is remembered in a small direct-mapped cache, so a hot call on a subclass receiver pays
 * the receiver class's identity hash, a slot's load and three compares.
 */
final class Overrides {
  private Overrides() {}

  /* A triple found clean; immutable, so a racy read sees a whole one or none. */
  private static final class Clean {
    final Class<?> receiver, declaring;
    final long token;

    Clean(Class<?> receiver, Class<?> declaring, long token) {
      this.receiver = receiver;
      this.declaring = declaring;
      this.token = token;
    }
  }

  private static final int MASK = 255;
  private static final Clean[] CLEAN = new Clean[MASK + 1];

  /* The tokens of the instance methods a class declares with a body and without the marker, sorted. */
  private static final ClassValue<long[]> UNINSTRUMENTED = new ClassValue<>() {
    @Override
    protected long[] computeValue(Class<?> type) {
      try {
        Method[] ms = type.getDeclaredMethods();
        long[] tokens = new long[ms.length];
        int n = 0;
        for (Method m : ms) {
          if ((m.getModifiers() & (Modifier.ABSTRACT | Modifier.STATIC)) != 0 || m.isAnnotationPresent(Instrumented.class)) continue;
          tokens[n++] = Frames.tokenOf(m.getName()
              + MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString());
        }
        tokens = Arrays.copyOf(tokens, n);
        Arrays.sort(tokens);
        return tokens;
      } catch (LinkageError | SecurityException unreadable) {
        return new long[0]; // cannot tell: the token alone decides, as before this check
      }
    }
  };

  /**
   * True if a class from {@code receiver} (itself included, the receiver's class, a subclass of
   * {@code declaring}) up to {@code declaring} (excluded) declares an uninstrumented method whose
   * token is {@code token}.
   */
  static boolean between(Class<?> receiver, Class<?> declaring, long token) {
    int slot = (System.identityHashCode(receiver) ^ (int) token) & MASK;
    Clean known = CLEAN[slot];
    if (known != null && known.receiver == receiver && known.declaring == declaring && known.token == token) return false;
    return look(receiver, declaring, token, slot);
  }

  /* between's cache miss: the walk, then the answer remembered if clean. */
  private static boolean look(Class<?> receiver, Class<?> declaring, long token, int slot) {
    boolean found = declaredFrom(receiver, declaring, token);
    if (!found) CLEAN[slot] = new Clean(receiver, declaring, token);
    return found;
  }

  /** {@link #between} without the cache, from {@code from} (may be null: none). */
  static boolean declaredFrom(Class<?> from, Class<?> declaring, long token) {
    for (Class<?> x = from; x != null && x != declaring; x = x.getSuperclass()) {
      if (Arrays.binarySearch(UNINSTRUMENTED.get(x), token) >= 0) return true;
    }
    return false;
  }
}

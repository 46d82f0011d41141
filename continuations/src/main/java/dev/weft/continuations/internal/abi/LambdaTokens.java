package dev.weft.continuations.internal.abi;

import java.util.Arrays;

/**
 * The tokens a clean call leaves for each instrumented lambda body: its functional interface
 * method's token mixed with the class the metafactory made for it ({@link Frames#mix}). A body
 * does not know that class, so {@link LambdaNames#metafactory} notes it here, before the first
 * instance of it exists; the body's entry looks its own up. One body may have several classes
 * (javac shares identical lambdas of one class; a method made into a bridge once serves many
 * references).
 *
 * <p>Written rarely (once per lambda class), read at every entry of a body: copy-on-write arrays
 * behind a volatile field, so a reader takes no lock.
 */
final class LambdaTokens {
  private static final ClassValue<LambdaTokens> BY_OWNER = new ClassValue<>() {
    @Override
    protected LambdaTokens computeValue(Class<?> type) {
      return new LambdaTokens();
    }
  };
  private static final long[] NONE = new long[0];

  /** By body index: the accepted tokens. */
  private volatile long[][] tokens = new long[0][];

  private LambdaTokens() {}

  /** Whether {@code token} was left by a call on one of the classes made for {@code owner}'s body. */
  static boolean accepts(Class<?> owner, int body, long token) {
    long[][] all = BY_OWNER.get(owner).tokens;
    if (body >= all.length) return false;
    for (long t : all[body]) {
      if (t == token) return true;
    }
    return false;
  }

  /** Notes that calls of {@code sam} on instances of {@code lambdaClass} enter {@code owner}'s body. */
  static void note(Class<?> owner, int body, String sam, Class<?> lambdaClass) {
    BY_OWNER.get(owner).add(body, Frames.mix(Frames.tokenOf(sam), lambdaClass));
  }

  private synchronized void add(int body, long token) {
    long[][] all = tokens;
    if (body >= all.length) {
      int n = all.length;
      all = Arrays.copyOf(all, body + 1);
      Arrays.fill(all, n, all.length, NONE);
    } else {
      for (long t : all[body]) {
        if (t == token) return;
      }
      all = all.clone();
    }
    long[] mine = Arrays.copyOf(all[body], all[body].length + 1);
    mine[mine.length - 1] = token;
    all[body] = mine;
    tokens = all;
  }
}

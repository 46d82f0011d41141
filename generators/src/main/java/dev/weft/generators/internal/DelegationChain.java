package dev.weft.generators.internal;

/**
 * PEP 380's delegation path, one object for all generators on it: while a body waits in
 * {@code yieldFrom}, every generator from the outermost delegator down shares one chain that knows
 * the innermost ({@code leaf}), so a resume of any of them goes straight to the generator that
 * yields, in one hop however deep the path (CPython walks it on every value).
 */
final class DelegationChain {
  /** The innermost generator of the path: the one whose body runs on a resume. */
  GeneratorCore<?, ?, ?> leaf;
  /** Whether some generator of the path runs: every one of them then reports RUNNING. */
  boolean running;

  /** {@code above} starts delegating to {@code sub} (and so to whatever {@code sub} delegates to). */
  static void link(GeneratorCore<?, ?, ?> above, GeneratorCore<?, ?, ?> sub) {
    DelegationChain c = above.chain;
    if (c == null) c = above.chain = new DelegationChain();
    GeneratorCore<?, ?, ?> leaf = sub;
    for (GeneratorCore<?, ?, ?> g = sub; g != null; g = g.delegate) {
      g.chain = c;
      leaf = g;
    }
    sub.delegator = above;
    c.leaf = leaf;
  }

  /** {@code sub} has ended (or is being closed): {@code above} runs its own body again. */
  static void unlink(GeneratorCore<?, ?, ?> above, GeneratorCore<?, ?, ?> sub) {
    above.delegate = null;
    sub.delegator = null;
    sub.chain = null;
    DelegationChain c = above.chain;
    c.leaf = above;
    if (above.delegator == null) {
      c.running = false;
      above.chain = null;
    }
  }
}

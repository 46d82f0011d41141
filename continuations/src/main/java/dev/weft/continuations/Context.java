package dev.weft.continuations;

import dev.weft.continuations.internal.Contexts;
import java.util.HashMap;
import java.util.Map;

/**
 * Python's {@code contextvars.Context}: a mapping from {@link ContextVar}s to values, one of which is
 * current on each thread. Greenlets and asyncio tasks each carry their own and switch it in when
 * they run, so a value set in one does not leak into another.
 *
 * <pre>{@code
 * ContextVar<String> user = new ContextVar<>("user", "anonymous");
 * Context ctx = Context.copyCurrent();
 * ctx.run(() -> user.set("ada"));           // changes ctx only
 * System.out.println(user.get());           // "anonymous"
 * String seen = ctx.run(user::get);
 * System.out.println(seen);                 // "ada"
 * }</pre>
 *
 * <p>Compared with Python: the mapping interface ({@code ctx[var]}, iteration) is not offered; use
 * {@code ctx.run(var::get)}. Copying is O(1): contexts share an immutable map until one is written.
 */
public final class Context {
  /* Immutable: every ContextVar.set replaces it. */
  Map<ContextVar<?>, Object> values;
  private boolean entered;

  Context(Map<ContextVar<?>, Object> values) {
    this.values = values;
  }

  /** A new, empty context: every variable has its default. */
  public static Context empty() {
    return new Context(Map.of());
  }

  /** A copy of the calling thread's current context (Python's {@code contextvars.copy_context()}). */
  public static Context copyCurrent() {
    return new Context(Contexts.current().values);
  }

  /**
   * Runs {@code fn} with this context current on the calling thread, then restores the previous
   * one. Variables set inside change this context. May suspend: greenlets and tasks keep the
   * thread's current context as part of their state, so a suspension inside resumes in it.
   *
   * @throws IllegalStateException if this context is already entered (on any thread)
   */
  public <T> T run(SuspendableCallable<T> fn) throws Suspend {
    if (entered) throw new IllegalStateException("cannot enter context: " + this + " is already entered");
    entered = true;
    Context previous = Contexts.swap(this);
    try {
      return fn.call();
    } finally {
      Contexts.swap(previous);
      entered = false;
    }
  }

  @SuppressWarnings("unchecked")
  <T> T lookup(ContextVar<T> var, Object missing) {
    Object v = values.getOrDefault(var, missing);
    return (T) v;
  }

  void put(ContextVar<?> var, Object value, boolean remove) {
    Map<ContextVar<?>, Object> next = new HashMap<>(values);
    if (remove) next.remove(var);
    else next.put(var, value);
    values = next;
  }

  @Override
  public String toString() {
    return "Context@" + Integer.toHexString(System.identityHashCode(this)) + values.keySet();
  }
}

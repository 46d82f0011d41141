package dev.weft.continuations;

import dev.weft.continuations.internal.Contexts;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Python's {@code contextvars.ContextVar}: a variable whose value belongs to the current
 * {@link Context}, so each greenlet and each asyncio task sees its own. Use it instead of a
 * {@code ThreadLocal}, which every greenlet and task on a thread would share.
 *
 * <pre>{@code
 * static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id", "-");
 *
 * ContextVar.Token<String> token = REQUEST_ID.set("r-42");
 * try {
 *   log("handling");                       // REQUEST_ID.get() is "r-42" here
 * } finally {
 *   REQUEST_ID.reset(token);               // back to what it was
 * }
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class ContextVar<T> {
  private static final Object MISSING = new Object();
  private final String name;
  private final Object dflt;

  /** A variable with no default: {@link #get()} throws until it is set. */
  public ContextVar(String name) {
    this.name = Objects.requireNonNull(name, "name");
    this.dflt = MISSING;
  }

  /** A variable whose {@link #get()} returns {@code dflt} until it is set. */
  public ContextVar(String name, T dflt) {
    this.name = Objects.requireNonNull(name, "name");
    this.dflt = dflt;
  }

  /** The name given at construction. */
  public String name() {
    return name;
  }

  /**
   * The value in the current context, else the default.
   *
   * @throws NoSuchElementException if neither exists (Py {@code LookupError})
   */
  @SuppressWarnings("unchecked")
  public T get() {
    Object v = Contexts.current().lookup(this, dflt);
    if (v == MISSING) throw new NoSuchElementException("ContextVar " + name + " has no value and no default");
    return (T) v;
  }

  /** The value in the current context, else {@code dflt} (the variable's own default is ignored). */
  @SuppressWarnings("unchecked")
  public T get(T dflt) {
    Object v = Contexts.current().lookup(this, MISSING);
    return v == MISSING ? dflt : (T) v;
  }

  /** Sets the value in the current context; the token undoes it with {@link #reset}. */
  public Token<T> set(T value) {
    Context ctx = Contexts.current();
    Object old = ctx.lookup(this, MISSING);
    ctx.put(this, value, false);
    return new Token<>(this, ctx, old);
  }

  /**
   * Restores the value this variable had before the {@link #set} that made {@code token}.
   *
   * @throws IllegalStateException if the token was used already
   * @throws IllegalArgumentException if the token belongs to another variable or was made in
   *     another context
   */
  public void reset(Token<T> token) {
    Objects.requireNonNull(token, "token");
    if (token.used) throw new IllegalStateException("Token has already been used once (" + token + ")");
    if (token.var != this) throw new IllegalArgumentException("Token was created by a different ContextVar (" + token.var.name + ", not " + name + ")");
    Context ctx = Contexts.current();
    if (token.context != ctx) throw new IllegalArgumentException("Token was created in a different Context");
    token.used = true;
    ctx.put(this, token.old, token.old == MISSING);
  }

  @Override
  public String toString() {
    return "ContextVar[" + name + (dflt == MISSING ? "" : ", default=" + dflt) + "]";
  }

  /** What {@link #set} returns: the means to undo it once. */
  public static final class Token<T> {
    private final ContextVar<T> var;
    private final Context context;
    private final Object old;
    private boolean used;

    Token(ContextVar<T> var, Context context, Object old) {
      this.var = var;
      this.context = context;
      this.old = old;
    }

    @Override
    public String toString() {
      return "Token[" + var.name + (used ? ", used" : "") + "]";
    }
  }
}

package dev.weft.continuations;

import dev.weft.continuations.internal.Contexts;
import dev.weft.continuations.internal.ThreadBindings;
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
  /* Set by bindToThread: pushes the current value to the bound thread-local state. */
  private volatile ThreadBindings.Binding binding;

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
    ThreadBindings.Binding b = binding;
    if (b != null) b.apply(value);
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
    ThreadBindings.Binding b = binding;
    if (b != null) b.apply(b.current());
  }

  /**
   * Bridges this variable to thread-local state that other code reads, such as SLF4J's MDC or an
   * OpenTelemetry-style {@code ThreadLocal}: {@code onThread} receives the variable's value
   * whenever it may have changed on a thread — when it is set or reset, and each time the
   * thread's current context changes (an asyncio task's step begins or ends, a greenlet switches,
   * {@link Context#run} enters or leaves, a {@code toThread} job starts or ends) — with the value
   * in the context now current, or null when it has none (its default if it has one). A
   * {@code runInExecutor} job runs in the executor thread's own context, as in CPython, but the
   * bound state is carried into it: the MDC of the task that submitted it holds during the job. So the thread-local holds the running task's value while it runs, and the
   * loop's own value (usually none) once it suspends. Bind once, at start-up.
   *
   * <pre>{@code
   * static final ContextVar<String> REQUEST_ID = new ContextVar<>("requestId");
   * static {
   *   REQUEST_ID.bindToThread(id -> { if (id == null) MDC.remove("requestId"); else MDC.put("requestId", id); });
   * }
   * }</pre>
   *
   * <p>Code that writes the thread-local directly does not change the variable: set the variable.
   *
   * @throws IllegalStateException if this variable is bound already
   */
  public synchronized void bindToThread(java.util.function.Consumer<? super T> onThread) {
    Objects.requireNonNull(onThread, "onThread");
    if (binding != null) throw new IllegalStateException("ContextVar " + name + " is bound to thread-local state already");
    ThreadBindings.Binding b = new ThreadBindings.Binding() {
      @Override
      public Object current() {
        return currentOrNull();
      }

      @Override
      @SuppressWarnings("unchecked")
      public void apply(Object value) {
        onThread.accept((T) value);
      }
    };
    binding = b;
    ThreadBindings.add(b);
    b.apply(b.current());
  }

  /** {@link #bindToThread} for a {@code ThreadLocal}: set to the value, removed when there is none. */
  public void bindToThread(ThreadLocal<T> threadLocal) {
    Objects.requireNonNull(threadLocal, "threadLocal");
    bindToThread(v -> {
      if (v == null) threadLocal.remove();
      else threadLocal.set(v);
    });
  }

  @SuppressWarnings("unchecked")
  private T currentOrNull() {
    Object v = Contexts.current().lookup(this, dflt);
    return v == MISSING ? null : (T) v;
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

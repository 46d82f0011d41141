package dev.weft.continuations.internal;

import java.util.Arrays;

/**
 * The {@code ContextVar}s bound to thread-local state ({@code ContextVar.bindToThread}): each time
 * a thread's current context changes (a task step, a greenlet switch, {@code Context.run}, a
 * {@code toThread} job), every binding is refreshed from the context now current, so a
 * {@code ThreadLocal} or SLF4J's MDC holds the running task's value and gets the previous one
 * back when it suspends. Free while nothing is bound: {@link Contexts#swap} reads one field.
 */
public final class ThreadBindings {
  private ThreadBindings() {}

  /** One bound variable: reads its value in the current context, and pushes a value to the thread. */
  public interface Binding {
    Object current();

    void apply(Object value);
  }

  /* Copy-on-write; bindings are made at start-up, read on every context switch. */
  private static volatile Binding[] bindings = new Binding[0];

  static boolean active() {
    return bindings.length != 0;
  }

  public static synchronized void add(Binding b) {
    Binding[] next = Arrays.copyOf(bindings, bindings.length + 1);
    next[next.length - 1] = b;
    bindings = next;
  }

  /** Pushes every bound variable's value in the thread's current context to its thread-local state. */
  public static void refreshAll() {
    for (Binding b : bindings) b.apply(b.current());
  }

  /**
   * The bound values of the calling thread's current context, to carry into a job on another
   * thread that does not run in that context (an executor job): {@link Carried#enter()} there.
   */
  public static Carried capture() {
    Binding[] bs = bindings;
    if (bs.length == 0) return Carried.NONE;
    Object[] values = new Object[bs.length];
    for (int i = 0; i < bs.length; i++) values[i] = bs[i].current();
    return new Carried(bs, values);
  }

  /** Captured bound values; {@link #enter()} pushes them, {@link #exit()} refreshes from the thread's own context. */
  public static final class Carried {
    static final Carried NONE = new Carried(new Binding[0], new Object[0]);
    private final Binding[] bindings;
    private final Object[] values;

    Carried(Binding[] bindings, Object[] values) {
      this.bindings = bindings;
      this.values = values;
    }

    public void enter() {
      for (int i = 0; i < bindings.length; i++) bindings[i].apply(values[i]);
    }

    public void exit() {
      if (bindings.length != 0) refreshAll();
    }
  }
}

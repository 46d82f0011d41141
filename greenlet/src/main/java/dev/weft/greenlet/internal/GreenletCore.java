package dev.weft.greenlet.internal;

import dev.weft.continuations.Context;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.internal.Contexts;
import dev.weft.continuations.internal.abi.Runner;
import dev.weft.continuations.internal.abi.SizeHint;
import dev.weft.greenlet.Greenlet;
import java.util.List;

/**
 * One greenlet's state, as the {@link Trampoline} reads and writes it on every switch: the public
 * {@link Greenlet} is its face. Thread-confined: only its thread touches it.
 */
public final class GreenletCore {
  static final ContinuationScope SCOPE = new ContinuationScope("greenlet");
  /* Sizes each new greenlet's frame storage from the last one's. */
  private static final SizeHint HINT = new SizeHint(SCOPE);

  static {
    Runner.hidePackageInTraces("dev.weft.greenlet.internal"); // the trampoline is a runtime frame to the user
  }

  final Greenlet owner;
  final ThreadGreenlets threads;
  final boolean isMain;
  /* What the first switch runs; null for a subclass that does not override run (GL21). */
  private final Greenlet.Run body;
  GreenletCore parent;
  Runner continuation;
  boolean started, dead;
  Context context;
  Object result;

  private GreenletCore(Greenlet owner, ThreadGreenlets threads, boolean isMain, Greenlet.Run body, Context context) {
    this.owner = owner;
    this.threads = threads;
    this.isMain = isMain;
    this.body = body;
    this.context = context;
  }

  /** The main greenlet of the calling thread, and with it the thread's greenlets. */
  public static GreenletCore newMain(Greenlet owner) {
    ThreadGreenlets t = new ThreadGreenlets();
    GreenletCore core = new GreenletCore(owner, t, true, null, Contexts.current());
    core.started = true;
    t.main = core;
    t.current = core;
    return core;
  }

  /**
   * A greenlet of {@code threads} that will run {@code body} (null: its class does not override
   * {@code run}, refused at the first switch), with an empty context (GL26), whose parent is the
   * running greenlet.
   */
  public static GreenletCore newGreenlet(Greenlet owner, ThreadGreenlets threads, Greenlet.Run body) {
    GreenletCore core = new GreenletCore(owner, threads, false, body, Context.empty());
    core.parent = threads.current;
    return core;
  }

  public ThreadGreenlets threads() {
    return threads;
  }

  public boolean isMain() {
    return isMain;
  }

  /** True once its run has ended; a main greenlet is dead when its thread is. */
  public boolean isDead() {
    return isMain ? !threads.thread.isAlive() : dead;
  }

  public boolean isStarted() {
    return started;
  }

  /** Marks an unstarted greenlet dead without running it (kill before the first switch). */
  public void killUnstarted() {
    dead = true;
  }

  public Greenlet parent() {
    return parent == null ? null : parent.owner;
  }

  /**
   * Makes {@code p} the parent.
   *
   * @throws IllegalArgumentException "cyclic parent chain", or "parent cannot be on a different thread"
   */
  public void setParent(GreenletCore p) {
    if (p.threads != threads) {
      throw new IllegalArgumentException("parent cannot be on a different thread (" + p.owner + " as the parent of " + owner + ")");
    }
    for (GreenletCore q = p; q != null; q = q.parent) {
      if (q == this) throw new IllegalArgumentException("cyclic parent chain (" + owner + " is an ancestor of " + p.owner + ")");
    }
    parent = p;
  }

  /** Where its code waits for a switch back, innermost first; empty unless it is suspended in a switch. */
  public List<StackTraceElement> savedStack() {
    if (isMain || continuation == null || dead) return List.of();
    return continuation.savedStack();
  }

  /** Its context; the thread's current one while it runs. */
  public Context context() {
    return this == threads.current ? Contexts.current() : context;
  }

  public void setContext(Context c) {
    if (this == threads.current) Contexts.swap(c);
    else context = c;
  }

  /** True for the greenlet running on its thread. */
  public boolean isCurrent() {
    return this == threads.current;
  }

  /* The first switch to it: its body becomes a continuation, run by the trampoline. */
  void start(Object[] args) {
    started = true;
    Greenlet.Run run = body;
    continuation = new Runner(HINT, () -> result = run.run(args));
  }

  /** GL21: an unstarted subclass without run fails in the greenlet that switches to it. */
  void refuseIfNoBody() {
    if (body == null && !started && !dead && !isMain) {
      throw new UnsupportedOperationException("run: " + owner.getClass().getName() + " does not override run(Object...)");
    }
  }
}

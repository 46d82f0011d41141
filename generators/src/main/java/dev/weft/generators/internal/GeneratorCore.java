package dev.weft.generators.internal;

import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.Suspendable;
import dev.weft.continuations.SuspendableRunnable;
import dev.weft.continuations.internal.Sneaky;
import dev.weft.continuations.internal.Suspensions;
import dev.weft.continuations.internal.abi.Carrier;
import dev.weft.continuations.internal.abi.Frames;
import dev.weft.continuations.internal.abi.Runner;
import dev.weft.continuations.internal.abi.SizeHint;
import dev.weft.generators.Generator;
import dev.weft.generators.Generator.State;
import dev.weft.generators.GeneratorExit;
import dev.weft.generators.StopIteration;
import dev.weft.generators.Yielder;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The machine behind one {@link Generator}: its continuation, its state, the delegation path it is
 * on (PEP 380) and the generators its body owns. {@code Generator} is the public handle and only
 * delegates here; a resume is a loop over the delegation path, never recursion.
 *
 * <p>Not thread-safe, as the generator it implements.
 */
public final class GeneratorCore<Y, S, R> {
  /** All generators share one scope: a yield suspends the innermost running generator. */
  public static final ContinuationScope SCOPE = new ContinuationScope("generator");
  /* Sizes each new generator's frame storage from the last one's. */
  private static final SizeHint HINT = new SizeHint(SCOPE);

  static {
    // the step and resume loop are runtime frames to the user
    Runner.hideInTraces(Generator.class);
    Runner.hidePackageInTraces("dev.weft.generators.internal");
  }

  /** What {@link #resume} returns when the generator it was called on returned. */
  private static final Object DONE = new Object();
  private static final int YIELDED = 0, DELEGATED = 1, RETURNED = 2;

  private final Runner continuation;
  /*
   * State's ordinal, not the enum: it changes twice per value, and an int store needs no write
   * barrier. `runner` is the thread of the last run, meaningful while RUNNING; it is written only
   * when the thread changes, for the same reason.
   */
  private static final int CREATED = 0, RUNNING = 1, SUSPENDED = 2, CLOSED = 3;
  private static final State[] STATES = State.values();
  private int state = CREATED;
  private Thread runner;
  /*
   * The carrier of `runner`'s thread, for the body's yield (which the user calls without one):
   * written with it, only on change, and valid whenever requireBody passes.
   */
  private Carrier carrier;

  /* The value the paused yield handed out; what goes back in is given to the continuation. */
  private Object yielded;
  private boolean yieldedHere;

  private R returned;
  private boolean hasReturned;

  /* A value hasNext() ran ahead to, kept for the next next(). */
  private boolean peeked;
  private Object peekedValue;

  /*
   * PEP 380. While this body waits in yieldFrom, `delegate` is the generator it delegates to and
   * that generator's `delegator` is this one; both share the chain (see DelegationChain).
   */
  GeneratorCore<?, ?, ?> delegate;
  GeneratorCore<?, ?, ?> delegator;
  DelegationChain chain;
  /* Ownership (pipelines): the generator whose body iterates this one and closes it; null for none. */
  private GeneratorCore<?, ?, ?> owner;
  /* Iterated from outside its owner's body, or first from no generator's body: closed only by its user. */
  private boolean shared;
  /* The generators this one's body iterates and owns, in the order it first did. */
  private ArrayList<GeneratorCore<?, ?, ?>> owned;

  public GeneratorCore(Generator.FullBody<Y, S, R> body, Yielder<Y, S> yielder) {
    Objects.requireNonNull(body, "body");
    continuation = new Runner(HINT, new RunBody(body, yielder));
  }

  /* The runner's body; also how claim() finds the generator whose body runs (Runner.innermost). */
  private final class RunBody implements SuspendableRunnable {
    private final Generator.FullBody<Y, S, R> body;
    private final Yielder<Y, S> yielder;

    RunBody(Generator.FullBody<Y, S, R> body, Yielder<Y, S> yielder) {
      this.body = body;
      this.yielder = yielder;
    }

    GeneratorCore<Y, S, R> core() {
      return GeneratorCore.this;
    }

    @Override
    public void run() throws Suspend {
      returned = body.run(yielder);
      hasReturned = true;
    }
  }

  // ---- the operations of Generator, in its order -------------------------------------------------

  @Suspendable
  public boolean hasNext() {
    return hasNext(Frames.carrier());
  }

  /** {@link #hasNext()} with the calling thread's carrier, as {@link #next(Carrier)}: what a for-each loop resumes through. */
  @Suspendable
  public boolean hasNext(Carrier c) {
    claim();
    if (peeked) return true;
    if (state == CLOSED) return false;
    requireNotRunning();
    Object v = resume(c, null, null);
    if (v == DONE) return false;
    peeked = true;
    peekedValue = v;
    return true;
  }

  @Suspendable
  public Object next() {
    return next(Frames.carrier());
  }

  /**
   * {@link #next()} with the calling thread's carrier, which an instrumented caller already holds:
   * no lookup here or in the resume below (see {@code EntryEmitter}: an instrumented method's
   * {@code Frames.carrier()} is its carrier local, and a first parameter of type Carrier is taken
   * as its carrier).
   */
  @Suspendable
  public Object next(Carrier c) {
    claim();
    if (peeked) return takePeeked();
    if (state == CLOSED) throw new NoSuchElementException("generator is closed");
    requireNotRunning();
    Object v = resume(c, null, null);
    if (v == DONE) throw new NoSuchElementException("generator returned");
    return v;
  }

  @Suspendable
  public Object send(Object value) {
    return send(Frames.carrier(), value);
  }

  /** {@link #send(Object)} with the calling thread's carrier, as {@link #next(Carrier)}. */
  @Suspendable
  public Object send(Carrier c, Object value) {
    claim();
    requireNotPeeked("send");
    requireNotRunning();
    if (state == CREATED && value != null) {
      throw new IllegalArgumentException("can't send non-None value to a just-started generator (sent " + value + ")");
    }
    if (state == CLOSED) throw new StopIteration(null);
    Object v = resume(c, value, null);
    if (v == DONE) throw new StopIteration(returned);
    return v;
  }

  @Suspendable
  public Object throwInto(Throwable t) {
    Objects.requireNonNull(t, "t");
    claim();
    requireNotPeeked("throwInto");
    requireNotRunning();
    // a fresh generator's frame exists, so t leaves it as an exception escaping the body would
    if (state == CREATED) throw escaped(t);
    if (state == CLOSED) throw Sneaky.rethrow(t);
    Throwable raise = t instanceof GeneratorExit && delegate != null ? closeDelegates(t) : t;
    Object v = resume(Frames.carrier(), null, raise);
    if (v == DONE) throw new StopIteration(returned);
    return v;
  }

  @Suspendable
  public void close() {
    peeked = false;
    peekedValue = null;
    if (state != SUSPENDED) {
      if (state == RUNNING) throw alreadyExecuting();
      state = CLOSED;
      return;
    }
    requireNotRunning();
    Throwable ownedFailure = closeOwned(); // innermost first: what this body iterates, then the body
    Throwable exit = new GeneratorExit();
    if (delegate != null) exit = closeDelegates(exit);
    Throwable failure = closeBody(exit);
    if (failure == null) {
      failure = ownedFailure;
    } else if (ownedFailure != null && ownedFailure != failure) {
      failure.addSuppressed(ownedFailure);
    }
    if (failure != null) throw Sneaky.rethrow(failure);
  }

  public R returnValue() {
    if (!hasReturned) throw new IllegalStateException("generator has not returned a value (state=" + state() + ")");
    return returned;
  }

  public State state() {
    if (state == SUSPENDED && delegate != null && chain != null && chain.running) return State.RUNNING;
    return STATES[state];
  }

  @Override
  public String toString() {
    return "Generator[" + state() + "]";
  }

  // ---- what the body's Yielder does --------------------------------------------------------------

  /**
   * {@code yield value}: the value the resume returns; the caller then suspends on {@link #SCOPE},
   * through the carrier returned (the calling thread's).
   */
  public Carrier yielding(Object value) {
    requireBody("yield");
    yielded = value;
    yieldedHere = true;
    return carrier;
  }

  /**
   * {@code yield from sub}, after {@link #requireBody}: false if {@code sub} is closed (the body gets null at once); otherwise
   * {@code sub} becomes the delegate and the caller suspends: the resume loop then drives it.
   */
  public boolean delegating(GeneratorCore<?, ?, ?> sub, Object subHandle) {
    if (sub.state == CLOSED) return false; // Python gets None, not the old return value
    if (sub.isRunning()) throw sub.alreadyExecuting();
    if (sub.delegator != null) {
      throw new IllegalStateException("yieldFrom(" + subHandle + "): that generator is already delegated to by another one");
    }
    sub.requireNotPeeked("yieldFrom");
    delegate = sub;
    return true;
  }

  /** Refuses a Yielder call from anywhere but this generator's running body. */
  public void requireBody(String operation) {
    if (state != RUNNING || runner != Thread.currentThread() || delegate != null) {
      throw new IllegalStateException(operation + "() outside the running body of its generator (" + this
          + (state == RUNNING && runner != Thread.currentThread() ? ", running on " + runner.getName() : "") + ")");
    }
  }

  // ---- the machine -------------------------------------------------------------------------------

  /**
   * Resumes this generator with a value or an exception and runs until some generator of its
   * delegation path yields: that value is returned, or DONE if this one returned. A loop over the
   * path, never recursion: the innermost delegate runs first, and a delegate that finishes hands its
   * return value (or exception) to the yieldFrom of the one above it.
   */
  @Suspendable
  private Object resume(Carrier c, Object value, Throwable t) {
    // A generator that delegates to none steps its own body once: the whole of next() at depth 1,
    // kept small so that C2 inlines it into next() (FreqInlineSize, 325 bytecodes; the loop below
    // is over it).
    if (delegate != null || chain != null) return resumeAlongPath(c, value, t, -1);
    int outcome = step(c, value, t);
    if (outcome == YIELDED) return yielded;
    if (outcome == DELEGATED) return resumeAlongPath(c, null, null, DELEGATED);
    return DONE;
  }

  /** {@link #resume} along the delegation path; {@code stepped}: the outcome of a step of this body already taken, or -1. */
  @Suspendable
  private Object resumeAlongPath(Carrier c, Object value, Throwable t, int stepped) {
    GeneratorCore<?, ?, ?> g = delegate == null || stepped >= 0 ? this : chain.leaf;
    DelegationChain running = chain;
    if (running != null) running.running = true;
    try {
      for (;;) {
        int outcome;
        try {
          if (stepped >= 0) {
            outcome = stepped;
            stepped = -1;
          } else {
            outcome = g.step(c, value, t);
          }
        } catch (Throwable failure) {
          if (g == this) throw failure;
          GeneratorCore<?, ?, ?> above = g.delegator;
          DelegationChain.unlink(above, g);
          g = above;
          value = null;
          t = failure;
          continue;
        }
        if (outcome == YIELDED) return g.yielded;
        if (outcome == DELEGATED) {
          GeneratorCore<?, ?, ?> sub = g.delegate;
          DelegationChain.link(g, sub);
          if (running == null) {
            running = chain;
            running.running = true;
          }
          g = sub.delegate == null ? sub : sub.chain.leaf;
          value = null;
          t = null;
          continue;
        }
        if (g == this) return DONE;
        GeneratorCore<?, ?, ?> above = g.delegator;
        value = g.returned;
        DelegationChain.unlink(above, g);
        g = above;
        t = null;
      }
    } finally {
      if (running != null) running.running = false;
    }
  }

  /** Runs this generator's own body once: until it yields, starts delegating, or ends. */
  @Suspendable
  private int step(Carrier c, Object value, Throwable t) {
    // what the paused yield returns, or throws: the runner clears both after each resume, so a
    // plain next() (both null) writes nothing
    if (value != null || t != null) Suspensions.resumeWith(continuation, value, t);
    yieldedHere = false;
    state = RUNNING;
    Thread self = Thread.currentThread();
    if (runner != self) {
      runner = self;
      carrier = c;
    }
    try {
      continuation.run(c);
    } catch (Throwable e) {
      throw escaped(e);
    }
    if (continuation.isDone()) return returned();
    state = SUSPENDED;
    if (delegate != null) return DELEGATED;
    if (!yieldedHere) throw yieldedByAnother();
    return YIELDED;
  }

  /*
   * step runs once per value, so what it does only at the end, or on misuse, lives in the two
   * methods below: with them inline step outgrew C2's limit for inlining a hot callee
   * (FreqInlineSize, 325 bytecodes), and next() paid an out-of-line call for every value.
   */
  private int returned() {
    finish();
    Throwable f = closeOwned(); // the body returned, leaving what it iterated suspended
    if (f != null) throw Sneaky.rethrow(f);
    return RETURNED;
  }

  private static IllegalStateException yieldedByAnother() {
    return new IllegalStateException("generator suspended by another generator's Yielder: a Yielder may only"
        + " be used in the running body of its own generator");
  }

  /** Closes this generator for {@code e} leaving its body, and gives what its caller receives. */
  @Suspendable
  private RuntimeException escaped(Throwable e) {
    finish();
    Throwable f = closeOwned();
    if (f != null && f != e) e.addSuppressed(f);
    return e instanceof StopIteration ? new IllegalStateException("generator raised StopIteration", e) // PEP 479
        : Sneaky.rethrow(e);
  }

  private void finish() {
    state = CLOSED;
    runner = null;
    carrier = null;
    yielded = null;
    if (owner != null) {
      owner.disown(this);
      owner = null;
    }
  }

  // ---- ownership: a generator iterated by another one's body is closed with it ------------------

  /**
   * Called by each next/hasNext/send/throwInto: the first generator whose body iterates this one
   * owns it, as long as no one else iterates it; iterated from anywhere else (another body, or no
   * generator's body) it is shared for good, and its owner no longer closes it.
   */
  private void claim() {
    if (shared) return;
    Runner r = Runner.innermost(SCOPE);
    GeneratorCore<?, ?, ?> consumer = r != null && r.body() instanceof GeneratorCore.RunBody
        ? ((GeneratorCore<?, ?, ?>.RunBody) r.body()).core() : null;
    if (consumer == this) return; // its own body: refused as already executing
    if (consumer == owner) {
      if (owner == null) shared = true;
      return;
    }
    if (owner == null) {
      owner = consumer;
      if (consumer.owned == null) consumer.owned = new ArrayList<>(2);
      consumer.owned.add(this);
      return;
    }
    owner.disown(this);
    owner = null;
    shared = true;
  }

  private void disown(GeneratorCore<?, ?, ?> g) {
    if (owned == null) return;
    for (int i = owned.size() - 1; i >= 0; i--) {
      if (owned.get(i) == g) {
        owned.remove(i);
        return;
      }
    }
  }

  /** Closes what this generator's body iterated and still owns, most recent first: the first failure, others suppressed. */
  @Suspendable
  private Throwable closeOwned() {
    ArrayList<GeneratorCore<?, ?, ?>> gs = owned;
    if (gs == null || gs.isEmpty()) return null;
    owned = null;
    Throwable failure = null;
    for (int i = gs.size() - 1; i >= 0; i--) {
      GeneratorCore<?, ?, ?> g = gs.get(i);
      g.owner = null;
      try {
        g.close();
      } catch (Throwable t) {
        if (failure == null) failure = t;
        else if (failure != t) failure.addSuppressed(t);
      }
    }
    return failure;
  }

  // ---- closing -----------------------------------------------------------------------------------

  /** Closes this generator's own body (it delegates to nothing): null if it closed cleanly. */
  @Suspendable
  private Throwable closeBody(Throwable exit) {
    int outcome;
    try {
      outcome = step(Frames.carrier(), null, exit);
    } catch (GeneratorExit e) {
      return null;
    } catch (Throwable e) {
      return e;
    }
    if (outcome == RETURNED) return null;
    return new IllegalStateException("generator ignored GeneratorExit");
  }

  /**
   * PEP 380 on close: everything this generator delegates to is closed, innermost first, each
   * level's failure raised in the level above. Returns what to raise at this generator's yieldFrom.
   *
   * <p>The chain counts as running throughout, as CPython marks a generator executing while it
   * closes its delegate: a delegate's {@code finally} sees every generator above it RUNNING, and
   * cannot resume or close them. Left suspended, the outer would be resumed into its own
   * {@code yieldFrom} while its delegates are half closed.
   */
  @Suspendable
  private Throwable closeDelegates(Throwable exit) {
    List<GeneratorCore<?, ?, ?>> path = new ArrayList<>();
    for (GeneratorCore<?, ?, ?> g = delegate; g != null; g = g.delegate) path.add(g);
    DelegationChain c = chain;
    boolean wasRunning = c.running;
    c.running = true;
    try {
      Throwable failure = null;
      for (int i = path.size() - 1; i >= 0; i--) {
        GeneratorCore<?, ?, ?> g = path.get(i);
        if (g.delegate != null) DelegationChain.unlink(g, g.delegate);
        failure = g.closeBody(failure == null ? new GeneratorExit() : failure);
      }
      DelegationChain.unlink(this, delegate);
      return failure == null ? exit : failure;
    } finally {
      c.running = wasRunning; // if this generator is itself a delegate, c is also its delegator's chain
    }
  }

  // ---- refusals ----------------------------------------------------------------------------------

  /* state() == RUNNING, on the int state: this runs on every value, and the enum's array load is not needed. */
  private boolean isRunning() {
    return state == RUNNING || state == SUSPENDED && delegate != null && chain != null && chain.running;
  }

  private void requireNotRunning() {
    if (isRunning()) throw alreadyExecuting();
  }

  private IllegalStateException alreadyExecuting() {
    return new IllegalStateException("generator already executing (state=RUNNING, thread="
        + (runner == null ? Thread.currentThread() : runner).getName() + ")");
  }

  private void requireNotPeeked(String operation) {
    if (peeked) {
      throw new IllegalStateException(operation + "() while hasNext() holds a value: no yield is waiting;"
          + " call next() first");
    }
  }

  private Object takePeeked() {
    Object v = peekedValue;
    peeked = false;
    peekedValue = null;
    return v;
  }
}

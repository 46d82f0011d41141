package dev.weft.generators;

import dev.weft.continuations.internal.abi.Runner;
import dev.weft.continuations.internal.abi.SizeHint;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendableRunnable;
import dev.weft.continuations.Suspendable;
import dev.weft.continuations.internal.Sneaky;
import dev.weft.continuations.internal.Suspensions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A Python generator: a body that produces values one at a time, pausing at each {@code yield}
 * until it is asked for the next one, and that can be sent values, have exceptions thrown into it,
 * and be closed (PEP 342, PEP 380, PEP 479).
 *
 * <pre>{@code
 * try (var squares = Generator.<Integer>of(y -> { for (int i = 0; i < 3; i++) y.yield(i * i); })) {
 *   for (int v : squares) System.out.println(v);          // 0, 1, 4
 * }
 *
 * Generator<Double, Double, Void> average = Generator.create(y -> {
 *   double sum = 0; int n = 0; Double avg = null;
 *   while (true) { sum += y.yield(avg); avg = sum / ++n; }
 * });
 * average.send(null);                                      // start it, as Python's next(g)
 * average.send(10.0);                                      // 10.0
 * average.send(20.0);                                      // 15.0
 * }</pre>
 *
 * <p>The body is a suspendable lambda: it and the methods it calls to reach {@code yield} declare
 * {@code throws Suspend} and are instrumented (see {@code dev.weft.continuations}). It runs on the
 * thread that resumes it, in that thread's context.
 *
 * <p><b>Compared with Python:</b> {@link #next()} reports the end with
 * {@link NoSuchElementException}, as a Java iterator, while {@link #send} and {@link #throwInto}
 * throw {@link StopIteration}; {@link #hasNext()} runs the body ahead and keeps the value; an
 * abandoned generator is not closed by the garbage collector, so close it (it is
 * {@link AutoCloseable}, and closing its {@link #stream()} closes it). {@code yield from} a chain
 * of generators hands each value over in one hop, however deep the chain (CPython walks it).
 *
 * <p>Not thread-safe: use a generator from one thread at a time.
 *
 * @param <Y> the type of the values yielded
 * @param <S> the type of the values sent in
 * @param <R> the type of the body's return value
 */
public final class Generator<Y, S, R> implements Iterator<Y>, Iterable<Y>, AutoCloseable {
  /** The body of a generator made with {@link #of}: yields values, returns nothing. */
  @FunctionalInterface
  public interface Body<Y> {
    void run(Yielder<Y, Object> y) throws Suspend;
  }

  /** The body of a generator made with {@link #create}: may receive values and returns one. */
  @FunctionalInterface
  public interface FullBody<Y, S, R> {
    R run(Yielder<Y, S> y) throws Suspend;
  }

  /** Python's {@code inspect.getgeneratorstate}: CREATED, RUNNING, SUSPENDED or CLOSED. */
  public enum State { CREATED, RUNNING, SUSPENDED, CLOSED }

  /** All generators share one scope: a yield suspends the innermost running generator. */
  static final ContinuationScope SCOPE = new ContinuationScope("generator");
  /* Sizes each new generator's frame storage from the last one's. */
  private static final SizeHint HINT = new SizeHint();

  static {
    Runner.hideInTraces(Generator.class); // its step and resume loop are runtime frames to the user
  }

  private static final Object DONE = new Object();
  private static final int YIELDED = 0, DELEGATED = 1, RETURNED = 2;

  private final Runner continuation;
  private State state = State.CREATED;
  private Thread runner;

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
   * that generator's `delegator` is this one; all generators of one delegation path share a Chain
   * that knows the innermost one, so a resume goes straight there.
   */
  private Generator<?, ?, ?> delegate;
  private Generator<?, ?, ?> delegator;
  private Chain chain;
  /* Ownership (issue 15): the generator whose body iterates this one and closes it; null for none. */
  private Generator<?, ?, ?> owner;
  /* Iterated from outside its owner's body, or first from no generator's body: closed only by its user. */
  private boolean shared;
  /* The generators this one's body iterates and owns, in the order it first did. */
  private ArrayList<Generator<?, ?, ?>> owned;

  private static final class Chain {
    Generator<?, ?, ?> leaf;
    boolean running;
  }

  private Generator(FullBody<Y, S, R> body) {
    Objects.requireNonNull(body, "body");
    BodyYielder yielder = new BodyYielder();
    continuation = new Runner(SCOPE, HINT, new RunBody(body, yielder));
  }

  /* The runner's body; also how claim() finds the generator whose body runs (Runner.innermost). */
  private final class RunBody implements SuspendableRunnable {
    private final FullBody<Y, S, R> body;
    private final BodyYielder yielder;

    RunBody(FullBody<Y, S, R> body, BodyYielder yielder) {
      this.body = body;
      this.yielder = yielder;
    }

    Generator<Y, S, R> generator() {
      return Generator.this;
    }

    @Override
    public void run() throws Suspend {
      returned = body.run(yielder);
      hasReturned = true;
    }
  }

  /** A generator that yields values and returns nothing; nothing runs until it is first resumed. */
  public static <Y> Generator<Y, Object, Void> of(Body<Y> body) {
    Objects.requireNonNull(body, "body");
    return new Generator<>(y -> {
      body.run(y);
      return null;
    });
  }

  /** A generator that may be sent values and returns a value; nothing runs until it is first resumed. */
  public static <Y, S, R> Generator<Y, S, R> create(FullBody<Y, S, R> body) {
    return new Generator<>(body);
  }

  /**
   * Whether there is a next value: may run the body to its next {@code yield}, and keeps that value
   * for {@link #next()}. Asking again does not advance.
   *
   * @throws IllegalStateException "generator already executing" if called while the body runs
   */
  @Override
  @Suspendable
  public boolean hasNext() {
    claim();
    if (peeked) return true;
    if (state == State.CLOSED) return false;
    requireNotRunning();
    Object v = resume(null, null);
    if (v == DONE) return false;
    peeked = true;
    peekedValue = v;
    return true;
  }

  /**
   * Runs the body to its next {@code yield} and returns the value yielded: Python's {@code next(g)}.
   *
   * @throws NoSuchElementException when the body has returned
   * @throws IllegalStateException "generator already executing" if called while the body runs
   */
  @Override
  @Suspendable
  @SuppressWarnings("unchecked")
  public Y next() {
    claim();
    if (peeked) return (Y) takePeeked();
    if (state == State.CLOSED) throw new NoSuchElementException("generator is closed");
    requireNotRunning();
    Object v = resume(null, null);
    if (v == DONE) throw new NoSuchElementException("generator returned");
    return (Y) v;
  }

  /**
   * Python's {@code gen.send(value)}: resumes the body with {@code value} as the result of the
   * {@code yield} where it paused, and returns the next value it yields.
   *
   * @throws StopIteration with the return value when the body returns; with null if the generator
   *     was closed already
   * @throws IllegalArgumentException if {@code value} is not null and the generator has not started
   * @throws IllegalStateException "generator already executing" if called while the body runs, or
   *     if {@link #hasNext()} holds a value (no yield waits for this send)
   */
  @Suspendable
  @SuppressWarnings("unchecked")
  public Y send(S value) {
    claim();
    requireNotPeeked("send");
    requireNotRunning();
    if (state == State.CREATED && value != null) {
      throw new IllegalArgumentException("can't send non-None value to a just-started generator (sent " + value + ")");
    }
    if (state == State.CLOSED) throw new StopIteration(null);
    Object v = resume(value, null);
    if (v == DONE) throw new StopIteration(returned);
    return (Y) v;
  }

  /**
   * Python's {@code gen.throw(t)}: raises {@code t} at the paused {@code yield}. If the body handles it
   * and yields, returns that value; if it handles it and returns, throws {@link StopIteration}; if it
   * does not handle it, {@code t} propagates and the generator is closed. A generator that has not
   * started, or has finished, runs nothing and rethrows {@code t}.
   *
   * @throws IllegalStateException "generator raised StopIteration", caused by it, when a
   *     {@link StopIteration} leaves a generator that had not finished (PEP 479, as CPython 3.11);
   *     "generator already executing" if called while the body runs, or if {@link #hasNext()} holds
   *     a value
   */
  @Suspendable
  @SuppressWarnings("unchecked")
  public Y throwInto(Throwable t) {
    Objects.requireNonNull(t, "t");
    claim();
    requireNotPeeked("throwInto");
    requireNotRunning();
    // a fresh generator's frame exists, so t leaves it as an exception escaping the body would
    if (state == State.CREATED) throw escaped(t);
    if (state == State.CLOSED) throw Sneaky.rethrow(t);
    Throwable raise = t instanceof GeneratorExit && delegate != null ? closeDelegates(t) : t;
    Object v = resume(null, raise);
    if (v == DONE) throw new StopIteration(returned);
    return (Y) v;
  }

  /**
   * Python's {@code gen.close()}: raises {@link GeneratorExit} at the paused {@code yield} so that
   * {@code finally} blocks run; a generator delegating with {@code yieldFrom} closes its delegate
   * first. Closing a generator that has not started, or is closed, only marks it closed. Idempotent.
   *
   * @throws IllegalStateException "generator ignored GeneratorExit" if the body yields again (it
   *     stays suspended there); "generator already executing" if called while the body runs
   * @throws RuntimeException whatever else the body throws on the way out, as the same instance
   */
  @Override
  @Suspendable
  public void close() {
    peeked = false;
    peekedValue = null;
    if (state != State.SUSPENDED) {
      if (state == State.RUNNING) throw alreadyExecuting();
      state = State.CLOSED;
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

  /**
   * The value the body returned.
   *
   * @throws IllegalStateException if the body has not returned (not started, suspended, closed or
   *     failed)
   */
  public R returnValue() {
    if (!hasReturned) throw new IllegalStateException("generator has not returned a value (state=" + state() + ")");
    return returned;
  }

  /** The generator's state; {@code RUNNING} inside its own body and while a delegate it waits on runs. */
  public State state() {
    if (state == State.SUSPENDED && delegate != null && chain != null && chain.running) return State.RUNNING;
    return state;
  }

  /** Returns this generator: it is single-pass, as Python's. */
  @Override
  public Iterator<Y> iterator() {
    return this;
  }

  /** A lazy, sequential stream of the remaining values; closing the stream closes the generator. */
  public Stream<Y> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false).onClose(this::close);
  }

  @Override
  public String toString() {
    return "Generator[" + state() + "]";
  }

  // ---- the machine -------------------------------------------------------------------------------

  /**
   * Resumes this generator with a value or an exception and runs until some generator of its
   * delegation path yields: that value is returned, or DONE if this one returned. A loop over the
   * path, never recursion: the innermost delegate runs first, and a delegate that finishes hands its
   * return value (or exception) to the yieldFrom of the one above it.
   */
  @Suspendable
  private Object resume(Object value, Throwable t) {
    Generator<?, ?, ?> g = delegate == null ? this : chain.leaf;
    Chain running = chain;
    if (running != null) running.running = true;
    try {
      for (;;) {
        int outcome;
        try {
          outcome = g.step(value, t);
        } catch (Throwable failure) {
          if (g == this) throw failure;
          Generator<?, ?, ?> above = g.delegator;
          unlink(above, g);
          g = above;
          value = null;
          t = failure;
          continue;
        }
        if (outcome == YIELDED) return g.yielded;
        if (outcome == DELEGATED) {
          Generator<?, ?, ?> sub = g.delegate;
          link(g, sub);
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
        Generator<?, ?, ?> above = g.delegator;
        value = g.returned;
        unlink(above, g);
        g = above;
        t = null;
      }
    } finally {
      if (running != null) running.running = false;
    }
  }

  /** Runs this generator's own body once: until it yields, starts delegating, or ends. */
  @Suspendable
  private int step(Object value, Throwable t) {
    Suspensions.resumeWith(continuation, value, t); // what the paused yield returns, or throws
    yieldedHere = false;
    state = State.RUNNING;
    runner = Thread.currentThread();
    try {
      continuation.run();
    } catch (Throwable e) {
      throw escaped(e);
    }
    runner = null;
    if (continuation.isDone()) {
      finish();
      Throwable f = closeOwned(); // the body returned, leaving what it iterated suspended
      if (f != null) throw Sneaky.rethrow(f);
      return RETURNED;
    }
    state = State.SUSPENDED;
    if (delegate != null) return DELEGATED;
    if (!yieldedHere) {
      throw new IllegalStateException("generator suspended by another generator's Yielder: a Yielder may only"
          + " be used in the running body of its own generator");
    }
    return YIELDED;
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
    state = State.CLOSED;
    runner = null;
    yielded = null;
    if (owner != null) {
      owner.disown(this);
      owner = null;
    }
  }

  // ---- ownership (issue 15) ------------------------------------------------------------------

  /**
   * Called by each next/hasNext/send/throwInto: the first generator whose body iterates this one
   * owns it, as long as no one else iterates it; iterated from anywhere else (another body, or no
   * generator's body) it is shared for good, and its owner no longer closes it.
   */
  private void claim() {
    if (shared) return;
    Runner r = Runner.innermost(SCOPE);
    Generator<?, ?, ?> consumer = r != null && r.body() instanceof Generator.RunBody ? ((Generator<?, ?, ?>.RunBody) r.body()).generator() : null;
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

  private void disown(Generator<?, ?, ?> g) {
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
    ArrayList<Generator<?, ?, ?>> gs = owned;
    if (gs == null || gs.isEmpty()) return null;
    owned = null;
    Throwable failure = null;
    for (int i = gs.size() - 1; i >= 0; i--) {
      Generator<?, ?, ?> g = gs.get(i);
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

  /** Closes this generator's own body (it delegates to nothing): null if it closed cleanly. */
  @Suspendable
  private Throwable closeBody(Throwable exit) {
    int outcome;
    try {
      outcome = step(null, exit);
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
    List<Generator<?, ?, ?>> path = new ArrayList<>();
    for (Generator<?, ?, ?> g = delegate; g != null; g = g.delegate) path.add(g);
    Chain c = chain;
    boolean wasRunning = c.running;
    c.running = true;
    try {
      Throwable failure = null;
      for (int i = path.size() - 1; i >= 0; i--) {
        Generator<?, ?, ?> g = path.get(i);
        if (g.delegate != null) unlink(g, g.delegate);
        failure = g.closeBody(failure == null ? new GeneratorExit() : failure);
      }
      unlink(this, delegate);
      return failure == null ? exit : failure;
    } finally {
      c.running = wasRunning; // if this generator is itself a delegate, c is also its delegator's chain
    }
  }

  private static void link(Generator<?, ?, ?> above, Generator<?, ?, ?> sub) {
    Chain c = above.chain;
    if (c == null) c = above.chain = new Chain();
    Generator<?, ?, ?> leaf = sub;
    for (Generator<?, ?, ?> g = sub; g != null; g = g.delegate) {
      g.chain = c;
      leaf = g;
    }
    sub.delegator = above;
    c.leaf = leaf;
  }

  private static void unlink(Generator<?, ?, ?> above, Generator<?, ?, ?> sub) {
    above.delegate = null;
    sub.delegator = null;
    sub.chain = null;
    Chain c = above.chain;
    c.leaf = above;
    if (above.delegator == null) {
      c.running = false;
      above.chain = null;
    }
  }

  private boolean isRunning() {
    return state() == State.RUNNING;
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

  /**
   * The body's view of its generator. {@code yield} and {@code yieldFrom} suspend on behalf of the
   * body (see {@code Suspensions.suspendCaller}): they are not frames of their own, and the body's
   * call returns whatever the generator is resumed with.
   */
  private final class BodyYielder implements Yielder<Y, S> {
    private static final String YIELD = Suspensions.tokenOf(Yielder.class, "yield", Object.class);
    private static final String YIELD_FROM = Suspensions.tokenOf(Yielder.class, "yieldFrom", Generator.class);

    @Override
    @SuppressWarnings("unchecked")
    public S yield(Y value) throws Suspend {
      requireBody("yield");
      yielded = value;
      yieldedHere = true;
      return (S) Suspensions.suspendCaller(SCOPE, YIELD);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R2> R2 yieldFrom(Generator<? extends Y, ? super S, R2> sub) throws Suspend {
      requireBody("yieldFrom");
      Objects.requireNonNull(sub, "sub");
      if (sub.state == State.CLOSED) return null; // Python gets None, not the old return value
      if (sub.isRunning()) throw sub.alreadyExecuting();
      if (sub.delegator != null) {
        throw new IllegalStateException("yieldFrom(" + sub + "): that generator is already delegated to by another one");
      }
      sub.requireNotPeeked("yieldFrom");
      delegate = sub;
      // resume() now drives sub, and resumes the body with its return value (or exception) when it ends
      return (R2) Suspensions.suspendCaller(SCOPE, YIELD_FROM);
    }

    @Override
    public void yieldAll(Iterable<? extends Y> values) throws Suspend {
      requireBody("yieldAll");
      Iterator<? extends Y> it = values.iterator();
      while (it.hasNext()) {
        Object in;
        try {
          in = this.yield(it.next());
        } catch (GeneratorExit e) {
          if (it instanceof AutoCloseable) closeQuietlyInto((AutoCloseable) it, e);
          throw e;
        }
        if (in != null) {
          throw new UnsupportedOperationException("send(" + in + ") during yieldAll: a plain iterator cannot receive values");
        }
      }
    }

    private void requireBody(String operation) {
      if (state != State.RUNNING || runner != Thread.currentThread() || delegate != null) {
        throw new IllegalStateException(operation + "() outside the running body of its generator (" + Generator.this
            + (runner != null && runner != Thread.currentThread() ? ", running on " + runner.getName() : "") + ")");
      }
    }
  }

  private static void closeQuietlyInto(AutoCloseable c, Throwable primary) {
    try {
      c.close();
    } catch (Exception e) {
      primary.addSuppressed(e);
    }
  }

}

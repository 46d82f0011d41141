package dev.weft.generators;

import dev.weft.continuations.Suspend;
import dev.weft.continuations.Suspendable;
import dev.weft.continuations.internal.Suspensions;
import dev.weft.generators.internal.GeneratorCore;
import java.util.Iterator;
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

  /* The machine (dev.weft.generators.internal): this class is its public face. */
  private final GeneratorCore<Y, S, R> core;

  private Generator(FullBody<Y, S, R> body) {
    core = new GeneratorCore<>(body, new BodyYielder());
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
    return core.hasNext(dev.weft.continuations.internal.abi.Frames.carrier());
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
    return (Y) core.next(dev.weft.continuations.internal.abi.Frames.carrier()); // the carrier this frame holds
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
    return (Y) core.send(dev.weft.continuations.internal.abi.Frames.carrier(), value);
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
    return (Y) core.throwInto(t);
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
    core.close();
  }

  /**
   * The value the body returned.
   *
   * @throws IllegalStateException if the body has not returned (not started, suspended, closed or
   *     failed)
   */
  public R returnValue() {
    return core.returnValue();
  }

  /** The generator's state; {@code RUNNING} inside its own body and while a delegate it waits on runs. */
  public State state() {
    return core.state();
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
    return core.toString();
  }

  /**
   * The body's view of its generator. {@code yield} and {@code yieldFrom} suspend on behalf of the
   * body (see {@code Suspensions.suspendCaller}): they are not frames of their own, and the body's
   * call returns whatever the generator is resumed with.
   */
  private final class BodyYielder implements Yielder<Y, S> {
    // a final class: what a clean call on it leaves is fixed (see Suspensions.onReceiverClass)
    private static final long YIELD = Suspensions.onReceiverClass(
        Suspensions.tokenOf(Yielder.class, "yield", Object.class), Generator.BodyYielder.class);
    private static final long YIELD_FROM = Suspensions.onReceiverClass(
        Suspensions.tokenOf(Yielder.class, "yieldFrom", Generator.class), Generator.BodyYielder.class);

    @Override
    @SuppressWarnings("unchecked")
    public S yield(Y value) throws Suspend {
      return (S) Suspensions.suspendCaller(core.yielding(value), GeneratorCore.SCOPE, YIELD);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R2> R2 yieldFrom(Generator<? extends Y, ? super S, R2> sub) throws Suspend {
      core.requireBody("yieldFrom");
      Objects.requireNonNull(sub, "sub");
      if (!core.delegating(sub.core, sub)) return null;
      // the resume loop now drives sub, and resumes the body with its return value (or exception) when it ends
      return (R2) Suspensions.suspendCaller(GeneratorCore.SCOPE, YIELD_FROM);
    }

    @Override
    public void yieldAll(Iterable<? extends Y> values) throws Suspend {
      core.requireBody("yieldAll");
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
  }

  private static void closeQuietlyInto(AutoCloseable c, Throwable primary) {
    try {
      c.close();
    } catch (Exception e) {
      primary.addSuppressed(e);
    }
  }
}

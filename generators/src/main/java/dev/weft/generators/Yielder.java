package dev.weft.generators;

import dev.weft.continuations.Suspend;

/**
 * What a generator body uses to produce values: Python's {@code yield}, {@code yield from} and
 * {@code yield from iterable}.
 *
 * <pre>{@code
 * Generator<Integer, Object, Void> g = Generator.of(y -> {
 *   y.yield(1);
 *   y.yieldFrom(Generator.of(inner -> { inner.yield(3); inner.yield(4); }));
 *   y.yield(2);
 * });                                       // 1, 3, 4, 2
 * }</pre>
 *
 * <p>Every method may be called from any depth of suspendable calls below the body, and only from
 * the running body of the generator the yielder belongs to: anywhere else it throws
 * {@link IllegalStateException}.
 *
 * @param <Y> the type of the values yielded
 * @param <S> the type of the values sent in
 */
public interface Yielder<Y, S> {
  /**
   * {@code x = yield value}: hands {@code value} to whoever resumed the generator and suspends the
   * body until it is resumed again. Throws whatever {@link Generator#throwInto} throws in, as the
   * same instance, and {@link GeneratorExit} when the generator is closed.
   *
   * @return the value sent with {@link Generator#send}, or null for {@link Generator#next}
   */
  S yield(Y value) throws Suspend;

  /**
   * {@code r = yield from sub} (PEP 380): every value {@code sub} yields goes to the caller,
   * everything sent or thrown in goes to {@code sub}, and closing this generator closes {@code sub}
   * first. Values cross the delegation in one hop however deep it is nested.
   *
   * @return {@code sub}'s return value; null if {@code sub} was already closed
   * @throws IllegalStateException "generator already executing" if {@code sub} is running, such as
   *     this generator or one delegating to it
   */
  <R2> R2 yieldFrom(Generator<? extends Y, ? super S, R2> sub) throws Suspend;

  /**
   * Yields every element of {@code values}. A non-null value sent in raises
   * {@link UnsupportedOperationException} here (a plain iterator has no {@code send}); closing the
   * generator closes the iterator first when it is {@link AutoCloseable}.
   */
  void yieldAll(Iterable<? extends Y> values) throws Suspend;
}

package dev.weft.asyncio;

import dev.weft.asyncio.internal.task.Sneaky;
import java.util.Objects;

/** The statements of PEP 492 as coroutines: {@code async for} and {@code async with}. */
final class AsyncIteration {
  private AsyncIteration() {}

  /**
   * {@code async for v in iterable: consumer(v)}. Only the {@code anext} await's
   * {@link StopAsyncIteration} ends the loop; one thrown by the consumer propagates, as from
   * Python's loop body. The iterator is not closed on an early exit, as in Python.
   */
  static <T> Coroutine<Void> forEach(AsyncIterable<T> iterable, SuspendableConsumer<? super T> consumer) {
    Objects.requireNonNull(iterable, "iterable");
    Objects.requireNonNull(consumer, "consumer");
    return Asyncio.async(() -> {
      AsyncIterator<T> it = iterable.aiter();
      if (it == null) throw new IllegalArgumentException("'async for' received an object from __aiter__ that does not implement __anext__: null");
      for (;;) {
        T value;
        try {
          value = Asyncio.await(it.anext());
        } catch (StopAsyncIteration end) {
          return null;
        }
        consumer.accept(value);
      }
    });
  }

  /**
   * {@code async with cm as v: body(v)}: {@code aexit} sees what the body threw (the same
   * instance, Errors and {@link CancelledError} included, as Python's {@code BaseException}) and
   * may suppress it, in which case the coroutine returns null.
   */
  static <R, T> Coroutine<T> asyncWith(AsyncContextManager<R> cm, AsyncContextManager.Body<? super R, T> body) {
    Objects.requireNonNull(cm, "cm");
    Objects.requireNonNull(body, "body");
    return Asyncio.async(() -> {
      R value = Asyncio.await(cm.aenter());
      T result;
      try {
        result = body.run(value);
      } catch (Throwable t) { // __aexit__ receives everything the block throws, and decides
        if (Boolean.TRUE.equals(Asyncio.await(cm.aexit(t)))) return null;
        throw Sneaky.rethrow(t);
      }
      Asyncio.await(cm.aexit(null));
      return result;
    });
  }
}

package dev.weft.asyncio;

import dev.weft.asyncio.internal.task.Awaits;
import dev.weft.continuations.Suspend;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@link Asyncio#asCompleted} returns, as CPython 3.13's {@code as_completed}: iterated
 * plainly, coroutines that each give the result of the next future to finish; iterated
 * asynchronously ({@link Asyncio#forEach}, {@link #aiter()}), the futures themselves as they
 * finish: the tasks given, or the tasks that wrap the coroutines given. Both iterations draw on
 * one count, so together they hand out each future once.
 *
 * <pre>{@code
 * // Python 3.13:  async for t in asyncio.as_completed(tasks): print(t.get_name(), t.result())
 * Asyncio.await(Asyncio.forEach(Asyncio.asCompleted(tasks, null),
 *     t -> System.out.println(((Task<?>) t).getName() + " " + t.result())));
 * }</pre>
 *
 * <p>On timeout, each remaining await throws {@link TimeoutError}. Loop thread only.
 */
public final class AsCompleted<T> implements Iterable<Coroutine<T>>, AsyncIterator<Future<T>> {
  private final EventLoop loop;
  private final Set<Future<T>> todo;
  /* Finished futures in completion order, and TIMED_OUT once per future left at the timeout. */
  private final ArrayDeque<Object> doneQueue = new ArrayDeque<>();
  private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
  private final Consumer<Future<T>> onCompletion = new Completion();
  /* The tasks waiting for the next future, oldest first (see Completion). */
  private final ArrayDeque<Task<?>> waiting = new ArrayDeque<>();
  private TimerHandle timeoutHandle;
  private int todoLeft;
  private static final Object TIMED_OUT = new Object();

  AsCompleted(Collection<? extends Awaitable<T>> aws, Double timeoutSeconds) {
    Objects.requireNonNull(aws, "aws");
    this.loop = Asyncio.getEventLoop();
    this.todo = Waits.ensureAll(aws, loop);
    this.todoLeft = todo.size();
    for (Future<T> f : todo) f.addCallback(onCompletion);
    if (!todo.isEmpty() && timeoutSeconds != null) timeoutHandle = loop.callLater(timeoutSeconds, this::timedOut);
  }

  /*
   * The callback on each future left. It stands for an await by the oldest task waiting for the
   * next one, so a call graph shows who waits through as_completed. CPython 3.14 records no
   * awaited-by here (its waiters await a queue); Weft does, see docs/traces.md.
   */
  private final class Completion implements Consumer<Future<T>>, AwaitLink {
    @Override
    public void accept(Future<T> f) {
      completed(f);
    }

    @Override
    public Future<?> awaiter() {
      return waiting.peekFirst();
    }
  }

  private void completed(Future<T> f) {
    if (todo.isEmpty()) return; // the timeout came first
    todo.remove(f);
    put(f);
    if (todo.isEmpty() && timeoutHandle != null) timeoutHandle.cancel();
  }

  private void timedOut() {
    for (Future<T> f : todo) {
      f.removeCallback(onCompletion);
      put(TIMED_OUT);
    }
    todo.clear();
  }

  private void put(Object item) {
    doneQueue.add(item);
    Future<Void> getter = getters.poll();
    if (getter != null && !getter.done()) getter.setResult(null);
  }

  /** The next future to finish, once it has; {@link TimeoutError} if the timeout came first. */
  private Future<T> waitForOne() throws Suspend {
    while (doneQueue.isEmpty()) {
      Future<Void> getter = loop.createFuture();
      getters.add(getter);
      Task<?> task = loop.currentTask();
      if (task != null) waiting.addLast(task);
      try {
        Awaits.awaitFuture(getter);
      } finally {
        if (task != null) waiting.removeFirstOccurrence(task);
      }
    }
    Object item = doneQueue.poll();
    if (item == TIMED_OUT) throw new TimeoutError();
    @SuppressWarnings("unchecked")
    Future<T> f = (Future<T>) item;
    return f;
  }

  /** The plain iteration: coroutines of the results, in completion order. */
  @Override
  public Iterator<Coroutine<T>> iterator() {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return todoLeft > 0;
      }

      @Override
      public Coroutine<T> next() {
        if (todoLeft == 0) throw new NoSuchElementException();
        todoLeft--;
        return Asyncio.async(() -> waitForOne().result());
      }
    };
  }

  /**
   * The asynchronous iteration's step: a coroutine of the next future to finish (the original
   * object); {@link StopAsyncIteration} once all were handed out.
   */
  @Override
  public Coroutine<Future<T>> anext() {
    if (todoLeft == 0) return Asyncio.async(() -> { throw new StopAsyncIteration(); });
    todoLeft--;
    return Asyncio.async(this::waitForOne);
  }

  @Override
  public String toString() {
    return "AsCompleted[" + todoLeft + " left]";
  }
}

package dev.weft.asyncio;

import dev.weft.asyncio.internal.task.Reports;
import dev.weft.asyncio.internal.task.Sneaky;
import dev.weft.continuations.Context;
import dev.weft.generators.StopIteration;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Python's {@code asyncio.Future}: a result that will exist later, bound to one event loop.
 * Awaiting it suspends the awaiting task until it is done.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *   Future<String> f = Asyncio.getRunningLoop().createFuture();
 *   Asyncio.getRunningLoop().callLater(0.1, () -> f.setResult("ready"));
 *   return Asyncio.await(f);                       // "ready"
 * });
 * }</pre>
 *
 * <p>A future leaves the pending state exactly once: with a result, with an exception, or
 * cancelled. Done callbacks are then scheduled with {@link EventLoop#callSoon}, in registration
 * order, never run inline.
 *
 * <p><b>Threads.</b> Not thread-safe: use it on its loop's thread (debug mode checks). From other
 * threads, {@link #wrap} and {@link #toCompletableFuture} bridge to {@link CompletableFuture}.
 *
 * <p><b>Compared with Python:</b> a checked exception stored with {@link #setException} is rethrown
 * by {@link #result()} unchecked, as the same instance. An exception nobody retrieved is reported
 * when the collector finds the future, which is later and less certain than CPython's refcounting.
 */
public class Future<T> implements Awaitable<T> {
  private static final byte PENDING = 0, CANCELLED = 1, FINISHED = 2;

  final EventLoop loop;
  /* A byte: with the task's fields it keeps a Task at 96 bytes, not 104. */
  private byte state;
  private T result;
  private Throwable exception;
  /*
   * The first callback and its context are fields: most futures get exactly one (the awaiting
   * task's wake-up), and two lists for it were most of a sleeping task's footprint. Invariant:
   * callback0 is null only when no callback is registered.
   */
  private Object callback0; // a Consumer<? super Future<T>>, or the awaiting Task itself (its wake-up)
  private Context context0;
  /* What most futures never need, made the first time one of them is: see Rare. */
  private Rare rare;

  /*
   * The fields a future needs only when it is cancelled, fails, gets a second callback or is made
   * in debug mode: one reference in every future and task instead of five (16 bytes each, and a
   * sleeping task holds two futures' worth).
   */
  private static final class Rare {
    String cancelMessage;
    /* The CancelledError to raise once cancelled; a task keeps the one its body raised. */
    CancelledError cancelledExc;
    /*
     * The second and later callbacks, each followed by the context it runs in (captured when it
     * was added): one list, not two.
     */
    List<Object> callbacks;
    /* Set while an exception is stored and not yet retrieved. */
    Unretrieved unretrieved;
    /* Debug mode only: where the future (or task) was made, for reports (Python's _source_traceback). */
    Throwable creation;
  }

  private Rare rare() {
    Rare r = rare;
    if (r == null) rare = r = new Rare();
    return r;
  }

  /** A pending future on {@link Asyncio#getEventLoop()}. */
  public Future() {
    this(Asyncio.getEventLoop());
  }

  /** A pending future on {@code loop}. */
  public Future(EventLoop loop) {
    this.loop = Objects.requireNonNull(loop, "loop");
    if (loop.getDebug()) rare().creation = CreationStacks.here();
  }

  /** True once the future has a result, an exception, or is cancelled. */
  public boolean done() {
    return state != PENDING;
  }

  /** True if the future was cancelled. */
  public boolean cancelled() {
    return state == CANCELLED;
  }

  /**
   * The result. Marks a stored exception as retrieved. A stored exception is thrown as the same
   * instance (unchecked even when checked).
   *
   * @throws InvalidStateError if pending ("Result is not ready.")
   * @throws CancelledError if cancelled, carrying the cancel message
   */
  public T result() {
    if (state == CANCELLED) throw makeCancelledError();
    if (state != FINISHED) throw new InvalidStateError("Result is not ready.");
    markRetrieved();
    if (exception != null) throw Sneaky.rethrow(exception);
    return result;
  }

  /**
   * The stored exception, or null after a result. Marks it as retrieved.
   *
   * @throws InvalidStateError if pending ("Exception is not set.")
   * @throws CancelledError if cancelled
   */
  public Throwable exception() {
    if (state == CANCELLED) throw makeCancelledError();
    if (state != FINISHED) throw new InvalidStateError("Exception is not set.");
    markRetrieved();
    return exception;
  }

  /** Cancels the future without a message; see {@link #cancel(String)}. */
  public boolean cancel() {
    return cancel(null);
  }

  /**
   * Cancels a pending future: it becomes cancelled, its callbacks are scheduled, and the
   * {@link CancelledError} it raises later carries {@code msg}. Returns false, doing nothing, if
   * it is done already (but a stored exception no longer counts as never retrieved).
   */
  public boolean cancel(String msg) {
    if (loop.threadChecks) loop.checkThread();
    markRetrieved();
    if (state != PENDING) return false;
    state = CANCELLED;
    setCancelMessage(msg);
    scheduleCallbacks();
    return true;
  }

  /**
   * Completes the future with {@code value} and schedules its callbacks.
   *
   * @throws InvalidStateError if it is done already
   */
  public void setResult(T value) {
    setResultInternal(value);
  }

  /**
   * Completes the future with {@code exception} and schedules its callbacks.
   *
   * @throws InvalidStateError if it is done already
   * @throws IllegalArgumentException for a {@code StopIteration}, which the future stays pending on
   * @throws NullPointerException if {@code exception} is null
   */
  public void setException(Throwable exception) {
    setExceptionInternal(exception);
  }

  /*
   * A value that becomes the result later (a task body's return value until the step ends, the
   * result a sleep wakes with): held in the result field meanwhile, which is read only once the
   * future is finished, rather than in a field of the subclass.
   */
  final void holdResult(T value) {
    result = value;
  }

  final T heldResult() {
    return result;
  }

  final void setResultInternal(T value) {
    if (loop.threadChecks) loop.checkThread();
    if (state != PENDING) throw new InvalidStateError(stateName() + ": " + this);
    result = value;
    state = FINISHED;
    scheduleCallbacks();
  }

  final void setExceptionInternal(Throwable t) {
    Objects.requireNonNull(t, "exception");
    if (loop.threadChecks) loop.checkThread();
    if (state != PENDING) throw new InvalidStateError(stateName() + ": " + this);
    if (t instanceof StopIteration) {
      throw new IllegalArgumentException("StopIteration interacts badly with generators and cannot be raised into a Future");
    }
    exception = t;
    state = FINISHED;
    Rare r = rare();
    Unretrieved u = r.unretrieved = new Unretrieved(loop, t, reportKind(), toString(), r.creation);
    u.cleanable = Reports.CLEANER.register(this, u);
    loop.lateReports.track(u); // reported by close() at the latest
    scheduleCallbacks();
  }

  /** Cancels without running the never-retrieved bookkeeping twice; for tasks. */
  final boolean cancelInternal(String msg) {
    if (state != PENDING) return false;
    state = CANCELLED;
    setCancelMessage(msg);
    scheduleCallbacks();
    return true;
  }

  /** The error a cancelled future raises: the body's own for a task, else a new one with the message. */
  final CancelledError makeCancelledError() {
    Rare r = rare();
    if (r.cancelledExc == null) r.cancelledExc = new CancelledError(r.cancelMessage);
    return r.cancelledExc;
  }

  /** The message of the cancel that cancelled this future (for a task: of its latest pending request), or null. */
  final String cancelMessage() {
    Rare r = rare;
    return r == null ? null : r.cancelMessage;
  }

  final void setCancelMessage(String msg) {
    if (msg != null || rare != null) rare().cancelMessage = msg;
  }

  /** A task cancelled by its body's own CancelledError gives its awaiters that instance. */
  final void keepCancelledError(CancelledError e) {
    rare().cancelledExc = e;
  }

  final void markRetrieved() {
    Rare r = rare;
    Unretrieved u = r == null ? null : r.unretrieved;
    if (u != null) {
      r.unretrieved = null;
      u.settle();
      loop.lateReports.untrack(u);
      u.cleanable.clean();
    }
  }

  /**
   * Adds {@code callback}, to be scheduled with {@code callSoon} (receiving this future) when the
   * future is done; at once if it is done already.
   */
  public void addDoneCallback(Consumer<Future<T>> callback) {
    addCallback(callback);
  }

  final void addCallback(Consumer<? super Future<T>> callback) {
    addCallback(callback, Context.copyCurrent());
  }

  /**
   * Adds a callback that runs in {@code context}; null for a task's wake-up, which switches to
   * the task's own context itself (saves a copy per await).
   */
  final void addCallback(Consumer<? super Future<T>> callback, Context context) {
    register(Objects.requireNonNull(callback, "callback"), context);
  }

  /**
   * Registers {@code task}'s wake-up: when this future is done, the task queues its own step,
   * which reads the outcome (no callback object, handle or context copy per await).
   */
  final void addWakeup(Task<?> task) {
    register(task, null);
  }

  /* A callback (a Consumer, or a task for its wake-up) in the first field or the side list; scheduled at once if done. */
  private void register(Object callback, Context context) {
    if (loop.threadChecks) loop.checkThread();
    if (state != PENDING) {
      scheduleCallback(callback, context);
    } else if (callback0 == null) {
      callback0 = callback;
      context0 = context;
    } else {
      Rare r = rare();
      if (r.callbacks == null) r.callbacks = new ArrayList<>(4);
      r.callbacks.add(callback);
      r.callbacks.add(context);
    }
  }

  /** Removes every registration of {@code callback} (the same instance); returns how many. */
  public int removeDoneCallback(Consumer<Future<T>> callback) {
    return removeCallback(callback);
  }

  final int removeCallback(Object callback) {
    int removed = 0;
    Rare r = rare;
    List<Object> callbacks = r == null ? null : r.callbacks;
    if (callbacks != null) {
      for (int i = callbacks.size() - 2; i >= 0; i -= 2) {
        if (callbacks.get(i) == callback) {
          callbacks.remove(i + 1);
          callbacks.remove(i);
          removed++;
        }
      }
    }
    if (callback0 != null && callback0 == callback) {
      removed++;
      callback0 = null;
      context0 = null;
      if (callbacks != null && !callbacks.isEmpty()) { // keep the order: the next one moves up
        callback0 = callbacks.remove(0);
        context0 = (Context) callbacks.remove(0);
      }
    }
    if (callbacks != null && callbacks.isEmpty()) r.callbacks = null;
    return removed;
  }

  private void scheduleCallbacks() {
    Object first = callback0;
    if (first == null) return;
    Context firstContext = context0;
    Rare r = rare;
    List<Object> more = r == null ? null : r.callbacks;
    callback0 = null;
    context0 = null;
    if (more != null) r.callbacks = null;
    scheduleCallback(first, firstContext);
    if (more == null) return;
    for (int i = 0; i < more.size(); i += 2) scheduleCallback(more.get(i), (Context) more.get(i + 1));
  }

  /* A task's wake-up is the task: it queues its own step, with no lambda and handle per await. */
  @SuppressWarnings("unchecked")
  private void scheduleCallback(Object cb, Context context) {
    if (cb instanceof Task) {
      ((Task<?>) cb).wake(this);
    } else {
      Consumer<? super Future<T>> c = (Consumer<? super Future<T>>) cb;
      loop.schedule(() -> c.accept(this), context);
    }
  }

  /**
   * The futures awaiting this one, read from its callbacks (see {@link AwaitLink}): CPython's
   * {@code _asyncio_awaited_by}, derived when asked. Loop thread (or a stopped loop).
   */
  final List<Future<?>> awaitedBy() {
    Object first = callback0;
    if (first == null) return List.of();
    List<Future<?>> out = new ArrayList<>(1);
    addAwaiter(first, out);
    Rare r = rare;
    List<Object> more = r == null ? null : r.callbacks;
    if (more != null) {
      Object[] entries = more.toArray();
      for (int i = 0; i < entries.length; i += 2) addAwaiter(entries[i], out);
    }
    return out;
  }

  private static void addAwaiter(Object callback, List<Future<?>> out) {
    Future<?> f = callback instanceof Task ? (Task<?>) callback
        : callback instanceof AwaitLink ? ((AwaitLink) callback).awaiter() : null;
    if (f != null && !out.contains(f)) out.add(f);
  }

  /** The loop this future is bound to. */
  public EventLoop getLoop() {
    return loop;
  }

  /**
   * A {@link CompletableFuture} that completes as this future does (cancelled if it is
   * cancelled). Cancelling it asks this future to cancel, through {@code callSoonThreadsafe}. Call
   * on the loop's thread; the result may be used from any thread.
   */
  public CompletableFuture<T> toCompletableFuture() {
    Future<T> self = this;
    CompletableFuture<T> cf = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled && !loop.isClosed()) {
          try {
            loop.callSoonThreadsafe(self::cancel);
          } catch (IllegalStateException closedMeanwhile) {
            // the loop closed: nothing is left to cancel
          }
        }
        return cancelled;
      }
    };
    addCallback(f -> f.copyOutcomeTo(cf));
    return cf;
  }

  /** Completes {@code cf} as this future, done, ended: cancelled, with its exception, or with its result. */
  final void copyOutcomeTo(CompletableFuture<? super T> cf) {
    if (cancelled()) {
      cf.cancel(false);
    } else if (exception() != null) {
      cf.completeExceptionally(exception());
    } else {
      cf.complete(result());
    }
  }

  /**
   * Python's {@code asyncio.wrap_future}: a future on {@link Asyncio#getEventLoop()} that copies
   * the outcome of {@code cf} through {@code callSoonThreadsafe}, so {@code cf} may complete on any
   * thread. {@link CompletionException} and {@link ExecutionException} are unwrapped to their
   * cause. Cancelling the returned future cancels {@code cf}.
   */
  public static <T> Future<T> wrap(CompletableFuture<T> cf) {
    return wrap(cf, Asyncio.getEventLoop());
  }

  static <T> Future<T> wrap(CompletableFuture<T> cf, EventLoop loop) {
    Objects.requireNonNull(cf, "cf");
    Future<T> f = new Future<>(loop);
    f.addCallback(x -> {
      if (x.cancelled()) cf.cancel(true);
    });
    cf.whenComplete((value, failure) -> {
      try {
        loop.callSoonThreadsafe(() -> copyInto(f, value, failure));
      } catch (IllegalStateException closed) {
        // the loop is closed: nobody can await the wrapper any more
      }
    });
    return f;
  }

  private static <T> void copyInto(Future<T> f, T value, Throwable failure) {
    if (f.done()) return;
    if (failure == null) {
      f.setResult(value);
      return;
    }
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof CancellationException) {
      f.cancel();
    } else {
      f.setException(cause);
    }
  }

  /** "Future" or "Task", as the never-retrieved report names it. */
  String reportKind() {
    return "Future";
  }

  String stateName() {
    switch (state) {
      case PENDING: return "PENDING";
      case CANCELLED: return "CANCELLED";
      default: return "FINISHED";
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(getClass().getSimpleName()).append('[').append(stateName().toLowerCase());
    if (state == FINISHED) {
      if (exception != null) s.append(" exception=").append(exception);
      else s.append(" result=").append(result);
    }
    return s.append(']').toString();
  }

  /**
   * The report made when a future holding an unretrieved exception is collected. Holds no
   * reference to the future, so that it can be collected.
   */
  private static final class Unretrieved implements Runnable {
    private final EventLoop loop;
    private final Throwable exception;
    private final String kind;
    private final String description;
    private final Throwable creation;
    /* Its registration with the cleaner, set right after it is made. */
    Cleaner.Cleanable cleanable;
    /* Retrieved or reported: set once, by whichever comes first (the collector, close(), a retrieval). */
    private final java.util.concurrent.atomic.AtomicBoolean settled = new java.util.concurrent.atomic.AtomicBoolean();

    Unretrieved(EventLoop loop, Throwable exception, String kind, String description, Throwable creation) {
      this.loop = loop;
      this.exception = exception;
      this.kind = kind;
      this.description = description;
      this.creation = creation;
    }

    void settle() {
      settled.set(true);
    }

    /* The collector found the future, or the loop closes: reported unless retrieved or reported already. */
    @Override
    public void run() {
      if (!settled.compareAndSet(false, true)) return;
      loop.lateReports.untrack(this);
      dev.weft.asyncio.internal.introspect.LoopEvents.neverRetrieved(kind, description, exception);
      Map<String, Object> context = new HashMap<>();
      context.put("message", kind + " exception was never retrieved");
      context.put("exception", exception);
      context.put(kind.equals("Task") ? "task" : "future", description);
      if (creation != null) context.put("source_traceback", creation);
      loop.reportThreadsafe(context);
    }
  }
}

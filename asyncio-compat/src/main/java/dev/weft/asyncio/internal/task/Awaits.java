package dev.weft.asyncio.internal.task;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Future;
import dev.weft.asyncio.Handle;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.internal.Suspensions;
import dev.weft.continuations.internal.abi.Carrier;
import dev.weft.continuations.internal.abi.Frames;
import java.util.function.Consumer;

/**
 * The await protocol, the one place that decides where an await runs: in a task body (the task
 * suspends, and its step waits for the future: CPython's {@code Future.__await__} yielding itself
 * to {@code Task.__step}), inside greenletSpawn code in a task (the bridge's driver awaits), or
 * outside any task (refused, naming the caller). {@code Asyncio.await}, sleep, the greenlet bridge
 * and generator-based coroutines all come here.
 *
 * <p>The fast path is two calls at the await: {@link #task(Carrier)}, then {@link #suspend}, which
 * is not a frame of its own, so an await saves and restores no frame of Weft's; both take the
 * carrier the instrumented await already holds, so neither looks up a thread-local.
 */
public final class Awaits {
  private static final long SUSPEND = Suspensions.tokenOf(Awaits.class, "suspend", Carrier.class, Resumable.class, Future.class);
  private static final long SUSPEND_BARE = Suspensions.tokenOf(Awaits.class, "suspendBareYield", Resumable.class, Object.class);
  private static final long SUSPEND_TIMED = Suspensions.tokenOf(Awaits.class, "suspendTimed", Resumable.class, Handle.class, Object.class, boolean.class);
  /* Finishes a coroutine whose bare yield was refused; set by the task class, which finishes the others. */
  private static Consumer<Object> refusedBareYield = c -> {};

  private Awaits() {}

  /**
   * The body of the task running its step on this thread, if an await here may suspend it
   * directly; null outside a task and inside greenletSpawn code, where {@link #awaitElsewhere}
   * takes over. {@code c} is the calling thread's carrier (an instrumented caller holds it).
   */
  public static Resumable task(Carrier c) {
    return task(Current.onThread(c));
  }

  /** {@link #task(Carrier)} where the caller has looked up {@code c}, what runs on this thread (or null). */
  public static Resumable task(Current c) {
    if (c == null) return null;
    Resumable body = c.body();
    return body == null || body.inSpawn ? null : body;
  }

  /**
   * Suspends {@code body} (from {@link #task(Carrier)}) on {@code f}, pending; null: for one loop
   * iteration; {@code c} is the calling thread's carrier. Not a frame of its own (see
   * {@code Suspensions.suspendCaller}): the await that calls this throws what the task is resumed
   * with, and otherwise returns.
   */
  public static Object suspend(Carrier c, Resumable body, Future<?> f) throws Suspend {
    body.yielded = f;
    return Suspensions.suspendCaller(c, Resumable.TASK_SCOPE, SUSPEND);
  }

  /**
   * The bare yield of an awaited {@code sleep(0)} coroutine, begun by the await that calls this:
   * suspends {@code body} for one loop iteration with no frame of Weft's saved. The task that
   * resumes the body takes the coroutine ({@link Resumable#takeBareYield}), finishes it and hands
   * its result to the await. If the suspension is refused, the coroutine is finished here.
   */
  public static Object suspendBareYield(Resumable body, Object coroutine) throws Suspend {
    return suspendInAwait(body, null, coroutine, true, SUSPEND_BARE);
  }

  /**
   * The timed sleep of an awaited {@code sleep(seconds)} coroutine, begun by the await that calls
   * this: suspends {@code body} until {@code timer} (already scheduled) runs or the task's cancel
   * stops it, with no frame of Weft's saved. As for a bare yield, the task that resumes the body
   * finishes the coroutine and hands its result to the await. If the suspension is refused, the
   * timer is cancelled and the coroutine finished here. Unless {@code keep}, the task is not
   * given the coroutine (a sleep whose await returns null: its state follows the timer instead).
   */
  public static Object suspendTimed(Resumable body, Handle timer, Object coroutine, boolean keep) throws Suspend {
    return suspendInAwait(body, timer, coroutine, keep, SUSPEND_TIMED);
  }

  /*
   * Both: suspends on behalf of the public method whose token is `token` (it returns at once, so
   * this frame does nothing between the suspension and its caller's unwinding).
   */
  private static Object suspendInAwait(Resumable body, Handle timer, Object coroutine, boolean keep, long token) {
    body.yielded = timer;
    if (keep) body.bareYield = coroutine;
    try {
      return Suspensions.suspendCaller(Resumable.TASK_SCOPE, token);
    } catch (RuntimeException | Error refused) { // nothing was suspended: the await ends here
      body.yielded = null;
      body.bareYield = null;
      if (timer != null) timer.cancel();
      refusedBareYield.accept(coroutine);
      throw refused;
    }
  }

  /** How {@link #suspendBareYield} finishes a coroutine when the suspension is refused. */
  public static void onRefusedBareYield(Consumer<Object> finish) {
    refusedBareYield = finish;
  }

  /**
   * Awaits the pending {@code f} where {@link #task(Carrier)} gave null: through the greenlet bridge
   * inside greenletSpawn code; otherwise refused.
   *
   * @throws dev.weft.continuations.SuspendException outside a task
   */
  public static void awaitElsewhere(Future<?> f) throws Suspend {
    if (!inSpawn()) throw OutsideTask.refusal("await " + f, Current.onThread() != null);
    GreenletBridge.awaitOnly(f);
  }

  /** CPython's {@code Future.__await__}: the result of {@code f}, suspending until it is done. */
  public static <T> T awaitFuture(Future<T> f) throws Suspend {
    if (!f.done()) {
      Carrier c = Frames.carrier(); // this method's own (instrumented): no lookup
      Resumable body = task(c);
      if (body != null) suspend(c, body, f);
      else awaitElsewhere(f);
    }
    return f.result();
  }

  /**
   * A bare {@code yield}: the task gives up exactly one loop iteration.
   *
   * @throws dev.weft.continuations.SuspendException outside a task
   */
  public static void yieldOnce() throws Suspend {
    Carrier c = Frames.carrier();
    Resumable body = task(c);
    if (body != null) {
      suspend(c, body, null);
    } else if (inSpawn()) {
      GreenletBridge.awaitOnly(Asyncio.sleep(0));
    } else {
      throw OutsideTask.refusal("yield to the event loop (sleep(0))", Current.onThread() != null);
    }
  }

  private static boolean inSpawn() {
    Current c = Current.onThread();
    return c != null && c.body() != null && c.body().inSpawn;
  }
}

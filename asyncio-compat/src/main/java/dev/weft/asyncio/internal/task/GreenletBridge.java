package dev.weft.asyncio.internal.task;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Awaitable;
import dev.weft.asyncio.Coroutine;
import dev.weft.asyncio.Future;
import dev.weft.asyncio.MissingGreenletError;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.internal.Contexts;
import dev.weft.greenlet.Greenlet;
import java.util.Objects;

/**
 * SQLAlchemy's greenlet bridge ({@code greenlet_spawn} / {@code await_only}): synchronous-looking
 * code runs in a greenlet whose parent, the driver, is the greenlet running the task. The code
 * hands each awaitable to the driver with a switch; the driver awaits it in the task and switches
 * back in with the result, or throws the exception in, until the greenlet is dead.
 */
public final class GreenletBridge {
  private GreenletBridge() {}

  /** What spawned code switches to its driver with: "await this for me". */
  private static final class AwaitRequest {
    final Awaitable<?> awaitable;

    AwaitRequest(Awaitable<?> awaitable) {
      this.awaitable = awaitable;
    }
  }

  /** A greenlet started by greenletSpawn: only these may call awaitOnly. */
  private static final class Spawned extends Greenlet {
    private final Greenlet.Run fn;

    Spawned(Greenlet.Run fn) {
      this.fn = fn;
    }

    @Override
    protected Object run(Object... args) throws Suspend {
      return fn.run(args);
    }
  }

  /** The driver: runs in the awaiting task, in the greenlet that runs it. */
  private static Object spawn(Greenlet.Run fn, Object[] args) throws Suspend {
    Asyncio.getRunningLoop(); // "no running event loop" outside one
    Resumable task = Current.onThread().body();
    Spawned g = new Spawned(fn); // parent: the current greenlet, the driver
    g.setContext(Contexts.current()); // shares the task's context (SEMANTICS B8)
    Object value = switchInto(task, g, args, null, true);
    while (!g.isDead()) {
      if (!(value instanceof AwaitRequest)) {
        // Something else switched to the driver: not ours to interpret; send it back.
        value = switchInto(task, g, new Object[] {value}, null, false);
        continue;
      }
      Object result = null;
      Throwable failure = null;
      try {
        result = Asyncio.await(((AwaitRequest) value).awaitable);
      } catch (Throwable t) { // delivered into the greenlet, where fn may catch it
        failure = t;
      }
      value = switchInto(task, g, new Object[] {result}, failure, false);
    }
    return value;
  }

  private static Object switchInto(Resumable task, Spawned g, Object[] args, Throwable failure, boolean first) throws Suspend {
    boolean was = task != null && task.inSpawn;
    if (task != null) task.inSpawn = true;
    try {
      if (failure != null) return g.throwInto(failure);
      return first ? g.switchTo(args) : g.switchTo(args[0]);
    } finally {
      if (task != null) task.inSpawn = was;
    }
  }

  /** {@code Asyncio.greenletSpawn}: a coroutine that runs {@code fn(args)} in a new greenlet when awaited. */
  public static Coroutine<Object> greenletSpawn(Greenlet.Run fn, Object... args) {
    Objects.requireNonNull(fn, "fn");
    Object[] copy = args.clone();
    return Asyncio.async(() -> spawn(fn, copy));
  }

  /** awaitOnly: from spawned code, at any depth of calls. */
  public static <T> T awaitOnly(Awaitable<T> aw) throws Suspend {
    Objects.requireNonNull(aw, "aw");
    Greenlet current = Greenlet.current();
    if (!(current instanceof Spawned)) {
      if (aw instanceof Coroutine) ((Coroutine<?>) aw).close();
      throw new MissingGreenletError("greenlet_spawn has not been called; can't call await_only() here. "
          + "Was IO attempted in an unexpected place? (awaitOnly must run inside code started by Asyncio.greenletSpawn; "
          + "current greenlet: " + current + ")");
    }
    if (aw instanceof Future && ((Future<?>) aw).done()) return ((Future<T>) aw).result();
    Object reply = current.parent().switchTo(new AwaitRequest(aw));
    @SuppressWarnings("unchecked")
    T value = (T) reply;
    return value;
  }
}

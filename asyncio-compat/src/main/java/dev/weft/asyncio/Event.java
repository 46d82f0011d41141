package dev.weft.asyncio;

import dev.weft.asyncio.internal.sync.Waiters;
import dev.weft.continuations.Suspend;

/**
 * Python's {@code asyncio.Event}: a flag tasks can wait for.
 *
 * <pre>{@code
 * Event ready = new Event();
 * Asyncio.createTask(Asyncio.async(() -> { Asyncio.await(ready.waitAsync()); return go(); }));
 * ready.set();                                    // wakes every waiter
 * }</pre>
 *
 * <p><b>Compared with Python:</b> {@code wait()} is {@link #waitAsync()} ({@code wait} is final in
 * {@code Object}). Not thread-safe: use it on its loop's thread.
 */
public final class Event {
  private final Waiters waiters = new Waiters();
  private final LoopBinding binding = new LoopBinding(this);
  private boolean value;

  /** An event that is not set. */
  public Event() {}

  /** True once {@link #set()} was called and not {@link #clear()}ed since. */
  public boolean isSet() {
    return value;
  }

  /** Sets the flag and wakes every current waiter; they return true even if cleared meanwhile. */
  public void set() {
    if (!value) {
      value = true;
      waiters.wake(Integer.MAX_VALUE, true);
    }
  }

  /** Clears the flag; only later waiters are affected. */
  public void clear() {
    value = false;
  }

  /** A coroutine that returns true once the flag is set: at once if it is set already. */
  public Coroutine<Boolean> waitAsync() {
    return Asyncio.async(this::waitNow);
  }

  boolean waitNow() throws Suspend {
    if (value) return true;
    waiters.await(binding.loop().createFuture());
    return true;
  }

  @Override
  public String toString() {
    return "Event[" + (value ? "set" : "unset") + ", waiters=" + waiters.size() + "]";
  }
}

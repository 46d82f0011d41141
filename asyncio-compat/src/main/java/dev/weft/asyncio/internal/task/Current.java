package dev.weft.asyncio.internal.task;

import dev.weft.asyncio.EventLoop;
import dev.weft.asyncio.Task;
import dev.weft.continuations.internal.abi.Carrier;
import dev.weft.continuations.internal.abi.CarrierLocal;
import dev.weft.continuations.internal.abi.Frames;

/**
 * What runs on a thread: its running loop (asyncio's {@code _running_loop}) and that loop's
 * current task (tasks.py's {@code _current_tasks[loop]}) with the body the task steps. One object
 * per loop, current on the loop's thread while it runs, so an await finds its task with one
 * thread-local read. Loop thread only.
 */
public final class Current {
  /*
   * Per thread by nature: a loop runs on one thread, and its task is the one that thread steps. In
   * the thread's carrier rather than a ThreadLocal, so that an await, instrumented and holding the
   * carrier already, finds its task with two loads.
   */
  private static final CarrierLocal<Current> ON_THREAD = new CarrierLocal<>();

  private final EventLoop loop;
  /* The body of the current task, or null; the task is the body's (one store per step's enter and leave, not two). */
  private Resumable body;

  public Current(EventLoop loop) {
    this.loop = loop;
  }

  /** What runs on this thread, or null when no loop runs here. */
  public static Current onThread() {
    return ON_THREAD.peek(Frames.carrier());
  }

  /** {@link #onThread()}, where {@code c} is the calling thread's carrier. */
  public static Current onThread(Carrier c) {
    return ON_THREAD.peek(c);
  }

  /** The loop running on this thread, or null. */
  public static EventLoop runningLoop() {
    Current c = onThread();
    return c == null ? null : c.loop;
  }

  /** This loop starts or stops running on the calling thread (null: stops). */
  public static void setOnThread(Current c) {
    ON_THREAD.set(Frames.carrier(), c);
  }

  public EventLoop loop() {
    return loop;
  }

  /** The task whose step runs, or null inside a plain callback. */
  public Task<?> task() {
    Resumable b = body;
    return b == null ? null : b.task();
  }

  /** The body of {@link #task()}, or null. */
  public Resumable body() {
    return body;
  }

  /** The task whose body is {@code b} becomes the current task; null: none is. */
  public void set(Resumable b) {
    body = b;
  }
}

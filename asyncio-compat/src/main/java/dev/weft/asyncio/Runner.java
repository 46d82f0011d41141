package dev.weft.asyncio;

import dev.weft.continuations.Context;
import dev.weft.continuations.SuspendableCallable;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Python's {@code asyncio.Runner} (3.11): one event loop and one context that several top-level
 * coroutines run on in turn, closed as {@code asyncio.run} closes its loop.
 *
 * <pre>{@code
 * // Python:  with asyncio.Runner() as runner:
 * //              runner.run(connect()); runner.run(work())
 * try (Runner runner = new Runner()) {
 *   runner.run(Asyncio.async(() -> connect()));
 *   String out = runner.run(Asyncio.async(() -> work()));   // same loop, same context
 * }
 * }</pre>
 *
 * <p>The loop is made at the first {@link #run} or {@link #getLoop()}: by the loop factory when
 * one is given, else a new loop that is also set as the thread's event loop until
 * {@link #close()}. Every {@code run} without a context of its own runs its task in the runner's
 * context, a copy of the current one taken then, so context variables set by one run are seen by
 * the next, as in CPython. {@link #close()} cancels the tasks left, finalizes the async generators
 * left unfinished ({@link EventLoop#shutdownAsyncgens()}), shuts the default executor down and
 * closes the loop. Not thread-safe: one thread uses a runner.
 *
 * <p><b>Compared with Python:</b> no SIGINT handler; interrupting the thread blocked in
 * {@link #run} cancels the main task instead (docs/semantics.md, "Signals").
 */
public final class Runner implements AutoCloseable {
  private enum State { CREATED, INITIALIZED, CLOSED }

  private final Boolean debug;
  private final Supplier<? extends EventLoop> loopFactory;
  /* Whether the loop made is set as the thread's event loop (CPython: only without a factory). */
  private final boolean setsEventLoop;
  private State state = State.CREATED;
  private EventLoop loop;
  private Context context;

  /** A runner on a new event loop, with the loop's own debug setting. */
  public Runner() {
    this(null, null);
  }

  /**
   * A runner whose loop comes from {@code loopFactory} (null: a new loop, set as the thread's
   * event loop while the runner is open), in debug mode if {@code debug} is true, out of it if
   * false, and as the loop is if null.
   */
  public Runner(Boolean debug, Supplier<? extends EventLoop> loopFactory) {
    this(debug, loopFactory, loopFactory == null);
  }

  Runner(Boolean debug, Supplier<? extends EventLoop> loopFactory, boolean setsEventLoop) {
    this.debug = debug;
    this.loopFactory = loopFactory;
    this.setsEventLoop = setsEventLoop;
  }

  /** {@link #run(Coroutine, Context)} in the runner's context. */
  public <T> T run(Coroutine<T> coro) {
    return run(coro, null);
  }

  /** {@link #run(Coroutine)} of {@code Asyncio.async(main)}. */
  public <T> T run(SuspendableCallable<T> main) {
    return run(Asyncio.async(main));
  }

  /**
   * Runs {@code coro} as a task on the runner's loop until it is done, in {@code context} (null:
   * the runner's), and returns its result or rethrows its exception as the same instance. Tasks it
   * leaves running stay on the loop for the next run, or are cancelled at {@link #close()}.
   *
   * @throws IllegalStateException from a running loop's thread ("Runner.run() cannot be called
   *     from a running event loop"), or once closed ("Runner is closed")
   * @throws NullPointerException if {@code coro} is null
   */
  public <T> T run(Coroutine<T> coro, Context context) {
    Objects.requireNonNull(coro, "coro");
    if (EventLoop.running() != null) {
      throw new IllegalStateException("Runner.run() cannot be called from a running event loop");
    }
    lazyInit();
    Task<T> task = loop.createTask(coro, null, context != null ? context : this.context);
    loop.onInterrupt(task::cancel); // interrupting the thread cancels the task, once (SEMANTICS 9.7)
    return loop.runUntilComplete(task);
  }

  /**
   * The runner's loop, made now if no {@link #run} made it yet.
   *
   * @throws IllegalStateException once closed ("Runner is closed")
   */
  public EventLoop getLoop() {
    lazyInit();
    return loop;
  }

  /**
   * Cancels the loop's remaining tasks (and waits for them), closes the async generators left
   * unfinished, shuts down the default executor and closes the loop. Does nothing if the runner
   * never made its loop, or is closed already.
   */
  @Override
  public void close() {
    if (state != State.INITIALIZED) return;
    EventLoop l = loop;
    try {
      Runners.finish(l);
    } finally {
      if (setsEventLoop) Asyncio.setEventLoop(null);
      l.close();
      loop = null;
      state = State.CLOSED;
    }
  }

  private void lazyInit() {
    if (state == State.CLOSED) throw new IllegalStateException("Runner is closed");
    if (state == State.INITIALIZED) return;
    if (loopFactory == null) {
      loop = new EventLoop();
    } else {
      loop = Objects.requireNonNull(loopFactory.get(), "the loop factory returned null");
    }
    if (setsEventLoop) Asyncio.setEventLoop(loop);
    if (debug != null) loop.setDebug(debug);
    context = Context.copyCurrent();
    state = State.INITIALIZED;
  }

  @Override
  public String toString() {
    return "Runner[" + state.name().toLowerCase() + (loop != null ? ", " + loop : "") + "]";
  }
}

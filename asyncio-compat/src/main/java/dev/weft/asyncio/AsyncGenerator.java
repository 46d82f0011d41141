package dev.weft.asyncio;

import dev.weft.continuations.Suspend;
import dev.weft.generators.Generator;
import dev.weft.generators.StopIteration;
import dev.weft.generators.Yielder;
import java.util.Objects;

/**
 * Python's asynchronous generator (PEP 525): a body that both yields values and awaits. Each
 * {@link #anext()} is a coroutine that runs the body, awaiting as it goes, up to its next
 * {@code yield}; at the end it throws {@link StopAsyncIteration}.
 *
 * <pre>{@code
 * // Python:  async def ticker(n):
 * //              for i in range(n): await asyncio.sleep(1); yield i
 * static AsyncGenerator<Integer, Object> ticker(int n) {
 *   return AsyncGenerator.of(y -> {
 *     for (int i = 0; i < n; i++) {
 *       Asyncio.await(Asyncio.sleep(1));
 *       y.yield(i);
 *     }
 *   });
 * }
 * // in a task:  Integer first = Asyncio.await(ticker(3).anext());
 * }</pre>
 *
 * <p>Built on {@link Generator}: the body runs as a generator body whose awaits suspend the task
 * running the {@code anext} coroutine through it (the task's scope is outside the generator's), so
 * the values, exceptions, {@code finally} rules and "already running" checks are a generator's.
 * As in PEP 525, {@code aclose()} throws {@code GeneratorExit} in at the paused yield, and a body
 * that yields again instead of ending fails with {@code IllegalStateException("generator ignored
 * GeneratorExit")}; {@code aclose()} of a generator that never started only marks it closed.
 *
 * <p><b>Finalization.</b> The first {@code anext}/{@code asend}/{@code athrow}/{@code aclose} made
 * on a running loop's thread ties the generator to that loop (Python's {@code firstiter} hook):
 * {@link EventLoop#shutdownAsyncgens()} (run by {@link Asyncio#run} and {@link Runner#close()})
 * closes it if it is still unfinished, and if it is collected unfinished, its body is closed by a
 * task on that loop, so its {@code finally} blocks run and may await. Compared with Python, the
 * collected case happens when the collector finds it, not at once.
 */
public final class AsyncGenerator<Y, S> implements AsyncIterator<Y> {
  /** The body: may {@code y.yield(value)} and {@code Asyncio.await(...)}, at any depth of suspendable calls. */
  @FunctionalInterface
  public interface Body<Y, S> {
    void run(Yielder<Y, S> y) throws Suspend;
  }

  private final Generator<Y, S, Void> gen;
  /* Python's ag_hooks_inited: the loop's hooks are asked once, at the first awaitable made. */
  private boolean hooksInited;

  private AsyncGenerator(Body<Y, S> body) {
    this.gen = Generator.create(y -> {
      body.run(y);
      return null;
    });
  }

  /** An asynchronous generator over {@code body}; nothing runs until the first {@link #anext()} is awaited. */
  public static <Y, S> AsyncGenerator<Y, S> of(Body<Y, S> body) {
    return new AsyncGenerator<>(Objects.requireNonNull(body, "body"));
  }

  /** Python's {@code __anext__()}: runs to the next yield; throws {@link StopAsyncIteration} at the end. */
  @Override
  public Coroutine<Y> anext() {
    return asend(null);
  }

  /** Python's {@code asend(value)}: resumes the paused yield with {@code value} (null to start). */
  public Coroutine<Y> asend(S value) {
    initHooks();
    return Asyncio.async(() -> {
      requireNotRunning("anext");
      try {
        return gen.send(value);
      } catch (StopIteration end) {
        throw new StopAsyncIteration();
      }
    });
  }

  /**
   * Python's {@code athrow(t)}: throws {@code t} in at the paused yield; the coroutine gives the next
   * value. On a generator that has finished (exhausted or closed) it gives null at once, as CPython.
   */
  public Coroutine<Y> athrow(Throwable t) {
    Objects.requireNonNull(t, "t");
    initHooks();
    return Asyncio.async(() -> {
      requireNotRunning("athrow");
      if (gen.state() == Generator.State.CLOSED) return null; // CPython: a finished frame stops the athrow at once
      try {
        return gen.throwInto(t);
      } catch (StopIteration end) {
        throw new StopAsyncIteration();
      }
    });
  }

  /** Python's {@code aclose()}: closes the body (its {@code finally} blocks may await). */
  public Coroutine<Void> aclose() {
    initHooks();
    return Asyncio.async(() -> {
      requireNotRunning("aclose");
      gen.close();
      return null;
    });
  }

  /*
   * Python's ag_running_async: while one anext/asend/athrow/aclose is inside the body (awaiting
   * there), every other is refused with CPython's message; the generator's own "already
   * executing" would name the wrong layer.
   */
  private void requireNotRunning(String method) {
    if (gen.state() == Generator.State.RUNNING) {
      throw new IllegalStateException(method + "(): asynchronous generator is already running");
    }
  }

  /** The coroutine that closes {@code gen}: {@link #aclose()}, and the finalizer's, which has no facade. */
  static Coroutine<Void> closing(Generator<?, ?, ?> gen) {
    return Asyncio.async(() -> {
      gen.close();
      return null;
    });
  }

  private void initHooks() {
    if (hooksInited) return;
    hooksInited = true;
    EventLoop loop = EventLoop.running();
    if (loop != null) loop.asyncgens.firstIter(this, gen);
  }

  /** CREATED, RUNNING, SUSPENDED or CLOSED, as {@code inspect.getasyncgenstate} says. */
  public Generator.State state() {
    return gen.state();
  }

  @Override
  public String toString() {
    return "AsyncGenerator[" + gen.state().name().toLowerCase() + "]";
  }
}

package dev.weft.asyncio;

import dev.weft.asyncio.internal.task.Sneaky;
import dev.weft.continuations.SuspendableCallable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * N event loops on N threads of one JVM, one per core: what a Python server gets from one loop
 * per process, and a Java one from Netty's {@code EventLoopGroup}. Inside each loop the asyncio
 * API is unchanged; {@link #startServer} spreads the accepted connections over the loops.
 *
 * <pre>{@code
 * Asyncio.runGroup(2, () -> {                    // two loops, main runs on the first
 *   EventLoopGroup group = EventLoopGroup.current();
 *   Server server = Asyncio.await(group.startServer((r, w) -> Asyncio.async(() -> {
 *     w.write(Asyncio.await(r.readline()));      // runs on whichever loop got the connection
 *     w.close();
 *     return null;
 *   }), "127.0.0.1", 8888));
 *   Asyncio.await(server.serveForever());
 *   return null;
 * });
 * }</pre>
 *
 * <p><b>Across loops.</b> A task of one loop may {@link Asyncio#await await} a {@link Future} (or
 * task) of another loop of a group: it suspends, and resumes on its own loop's thread once the
 * future is done there; cancelling the task cancels that future. Everything else stays confined
 * to its loop: a member loop checks its thread as debug mode does, so calling {@code callSoon},
 * {@code createTask}, {@code setResult} or {@code addDoneCallback} on another loop's objects, or
 * gathering futures of two loops, fails with {@code IllegalStateException} ("Non-thread-safe
 * operation invoked on an event loop other than the current one"). To start work on a given
 * loop use {@link #submit(EventLoop, SuspendableCallable)}.
 *
 * <p>Each loop runs as {@link Asyncio#run} would run it: {@link #close()} cancels the tasks left
 * on each loop, waits for them, shuts down its default executor and closes it.
 */
public final class EventLoopGroup implements AutoCloseable {
  private static final AtomicInteger IDS = new AtomicInteger();

  private final List<EventLoop> loops;
  /* Each loop's main awaits its future; completing it (on that loop) lets the loop wind down. */
  private final List<Future<Void>> closing;
  private final List<Thread> threads;
  private final AtomicInteger nextLoop = new AtomicInteger();
  private final Object closeLock = new Object();
  private boolean closed;

  /**
   * Starts {@code nLoops} loops, each on its own thread (named {@code weft-group<g>-loop<i>}).
   *
   * @throws IllegalArgumentException if {@code nLoops} is less than 1
   */
  public EventLoopGroup(int nLoops) {
    if (nLoops < 1) throw new IllegalArgumentException("an event loop group needs at least one loop, not " + nLoops);
    int id = IDS.incrementAndGet();
    List<EventLoop> ls = new ArrayList<>(nLoops);
    List<Future<Void>> cs = new ArrayList<>(nLoops);
    List<Thread> ts = new ArrayList<>(nLoops);
    for (int i = 0; i < nLoops; i++) {
      EventLoop loop = new EventLoop();
      loop.joinGroup(this);
      Future<Void> stop = loop.createFuture();
      Thread t = new Thread(() -> Runners.run(Asyncio.async(() -> Asyncio.await(stop)), loop),
          "weft-group" + id + "-loop" + i);
      ls.add(loop);
      cs.add(stop);
      ts.add(t);
    }
    loops = List.copyOf(ls);
    closing = List.copyOf(cs);
    threads = List.copyOf(ts);
    for (Thread t : threads) t.start(); // after the fields: the threads see them complete
  }

  /**
   * The group of the loop running on this thread.
   *
   * @throws IllegalStateException outside a running loop, or on a loop that is not in a group
   */
  public static EventLoopGroup current() {
    EventLoopGroup g = Asyncio.getRunningLoop().group;
    if (g == null) throw new IllegalStateException("the running loop " + Asyncio.getRunningLoop().name() + " is not in an event loop group");
    return g;
  }

  /**
   * {@link Asyncio#runGroup}: a group of {@code nLoops} loops running {@code main} on its first
   * loop; closed when {@code main} is done.
   */
  static <T> T runGroup(int nLoops, SuspendableCallable<T> main) {
    Objects.requireNonNull(main, "main");
    if (EventLoop.running() != null) {
      throw new IllegalStateException("Asyncio.runGroup() cannot be called from a running event loop");
    }
    try (EventLoopGroup group = new EventLoopGroup(nLoops)) {
      return group.run(main);
    }
  }

  /** The number of loops. */
  public int size() {
    return loops.size();
  }

  /** The loops, in the order of their threads' numbers. */
  public List<EventLoop> loops() {
    return loops;
  }

  /** The next loop in turn (round robin); from any thread. */
  public EventLoop next() {
    return loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size()));
  }

  /** True if {@code loop} is one of this group's. */
  public boolean contains(EventLoop loop) {
    return loop != null && loop.group == this;
  }

  /** {@link #submit(EventLoop, SuspendableCallable)} on {@link #next()}. */
  public <T> CompletableFuture<T> submit(SuspendableCallable<T> body) {
    return submit(next(), body);
  }

  /**
   * From any thread: runs {@code body} in a task on {@code loop} and returns its outcome.
   * Cancelling the returned future cancels the task.
   *
   * @throws IllegalArgumentException if {@code loop} is not one of this group's
   * @throws IllegalStateException if the group is closed
   */
  public <T> CompletableFuture<T> submit(EventLoop loop, SuspendableCallable<T> body) {
    Objects.requireNonNull(body, "body");
    if (!contains(loop)) throw new IllegalArgumentException(loop + " is not a loop of this group");
    return Tasks.runCoroutineThreadsafe(Asyncio.async(body), loop);
  }

  /**
   * Runs {@code main} in a task on the first loop and waits for its result (or rethrows its
   * exception, as the same instance). Interrupting the waiting thread cancels the task.
   *
   * @throws IllegalStateException on a thread that runs a loop (it would wait for itself)
   * @throws CancelledError if the task was cancelled
   */
  public <T> T run(SuspendableCallable<T> main) {
    if (EventLoop.running() != null) {
      throw new IllegalStateException("EventLoopGroup.run() cannot be called from a running event loop; await a task instead");
    }
    CompletableFuture<T> outcome = submit(loops.get(0), main);
    try {
      return outcome.get();
    } catch (InterruptedException e) {
      outcome.cancel(false);
      Thread.currentThread().interrupt();
      throw new CancelledError("EventLoopGroup.run() interrupted");
    } catch (ExecutionException e) {
      throw Sneaky.rethrow(e.getCause());
    } catch (CancellationException e) {
      throw new CancelledError(e.getMessage());
    }
  }

  /**
   * {@link Asyncio#startServer} over the whole group: the loop that awaits this accepts, and hands
   * each connection to the next loop in turn, where {@code cb} runs and its task lives. Await it on
   * a loop of this group.
   *
   * @throws IllegalStateException (when awaited) on a loop that is not this group's
   */
  public Coroutine<Server> startServer(Server.ClientConnected cb, String host, int port) {
    return startServer(cb, host, port, null);
  }

  /** As {@link #startServer(Server.ClientConnected, String, int)}, over TLS with {@code ssl} (null: plain). */
  public Coroutine<Server> startServer(Server.ClientConnected cb, String host, int port, SSLContext ssl) {
    Objects.requireNonNull(cb, "cb");
    return Asyncio.async(() -> {
      EventLoop here = Asyncio.getRunningLoop();
      if (!contains(here)) {
        throw new IllegalStateException("EventLoopGroup.startServer must be awaited on a loop of the group, not " + here.name());
      }
      return Asyncio.await(Streams.startServer(cb, host, port, ssl, null, this));
    });
  }

  /**
   * Stops the loops as {@link Asyncio#run} ends: each cancels its tasks, waits for them and closes;
   * then returns once every thread has ended. Idempotent.
   *
   * @throws IllegalStateException on one of the group's own threads (it would wait for itself)
   */
  @Override
  public void close() {
    if (contains(EventLoop.running())) {
      throw new IllegalStateException("an event loop group cannot be closed from one of its own loops");
    }
    synchronized (closeLock) {
      if (closed) return;
      closed = true;
    }
    for (int i = 0; i < loops.size(); i++) {
      Future<Void> stop = closing.get(i);
      try {
        loops.get(i).callSoonThreadsafe(() -> {
          if (!stop.done()) stop.setResult(null);
        });
      } catch (IllegalStateException alreadyClosed) {
        // its thread ended already
      }
    }
    boolean interrupted = false;
    for (Thread t : threads) {
      for (;;) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the loops are winding down: finish waiting, then restore the flag
        }
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  /** True once {@link #close()} was called. */
  public boolean isClosed() {
    synchronized (closeLock) {
      return closed;
    }
  }

  @Override
  public String toString() {
    return "EventLoopGroup[" + loops.size() + " loops" + (isClosed() ? ", closed" : "") + "]";
  }
}

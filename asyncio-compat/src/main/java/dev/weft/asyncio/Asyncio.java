package dev.weft.asyncio;

import dev.weft.asyncio.internal.group.CrossLoopAwait;
import dev.weft.asyncio.internal.streams.HostLookup;
import dev.weft.asyncio.internal.task.Awaits;
import dev.weft.asyncio.internal.task.GreenletBridge;
import dev.weft.asyncio.internal.task.Resumable;
import dev.weft.continuations.Context;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.internal.ElidesTailCalls;
import dev.weft.continuations.internal.Contexts;
import dev.weft.continuations.SuspendableCallable;
import dev.weft.continuations.internal.abi.Carrier;
import dev.weft.continuations.internal.abi.Frames;
import dev.weft.generators.Generator;
import dev.weft.greenlet.Greenlet;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Python's {@code asyncio} module functions: {@code asyncio.x(...)} is {@code Asyncio.x(...)}.
 * Library calls return awaitables; only {@link #await} suspends, as in Python.
 *
 * <pre>{@code
 * static String fetch(String url) throws Suspend {          // an async def
 *   Asyncio.await(Asyncio.sleep(0.1));
 *   return "body of " + url;
 * }
 * public static void main(String[] args) {
 *   List<Object> pages = Asyncio.run(() -> Asyncio.await(Asyncio.gather(
 *       Asyncio.async(() -> fetch("a")), Asyncio.async(() -> fetch("b")))));
 * }
 * }</pre>
 *
 * <p><b>Compared with Python:</b> an {@code async def} is either a suspendable method (declaring
 * {@code throws Suspend}; calling it is awaiting it) or a method returning a {@link Coroutine} made
 * with {@link #async}. {@code await} is a method, so the compiler cannot reject it outside a task:
 * awaiting a pending future there fails at run time with a {@code SuspendException}.
 */
public final class Asyncio {
  private Asyncio() {}

  // ---- entry points ------------------------------------------------------------------------

  /**
   * Python's {@code asyncio.run}: runs {@code main} in a task on a fresh loop and returns its
   * result (or rethrows its exception). Then cancels the tasks left, waits for them, shuts down
   * the default executor and closes the loop. Interrupting the calling thread while it runs the
   * loop cancels {@code main} (Python's Ctrl-C); the interrupt status is set again on return.
   *
   * @throws IllegalStateException on a thread whose loop is running ("asyncio.run() cannot be
   *     called from a running event loop"), or if {@code main} was awaited already
   * @throws CancelledError if {@code main} was cancelled
   */
  public static <T> T run(Coroutine<T> main) {
    return Runners.run(main, new EventLoop());
  }

  /** {@link #run(Coroutine)} of {@code async(main)}. */
  public static <T> T run(SuspendableCallable<T> main) {
    return run(async(main));
  }

  /**
   * Python's {@code async def}: a coroutine object that runs {@code body} when it is awaited or
   * wrapped in a task, and not before. It can be awaited once.
   */
  public static <T> Coroutine<T> async(SuspendableCallable<T> body) {
    Objects.requireNonNull(body, "body");
    return new Coroutine<>(body, EventLoop.running());
  }

  /**
   * {@link #run} over an {@link EventLoopGroup} of {@code nLoops} loops on as many threads:
   * {@code main} runs in a task on the first loop ({@link EventLoopGroup#current()} finds the
   * group there); when it is done, every loop is wound down as {@code run} winds down its loop.
   *
   * @throws IllegalStateException on a thread whose loop is running
   */
  public static <T> T runGroup(int nLoops, SuspendableCallable<T> main) {
    return EventLoopGroup.runGroup(nLoops, main);
  }

  /**
   * A generator-based coroutine ({@code @asyncio.coroutine} with {@code yield from}): the
   * generator yields futures; each one's result is sent back in (its exception thrown in; a
   * cancelled one's {@link CancelledError}); a yielded null gives up one loop iteration; anything
   * else is thrown back as {@code IllegalStateException("Task got bad yield: ...")}. The return
   * value is the coroutine's.
   */
  public static <T> Coroutine<T> fromGenerator(Generator<?, Object, T> gen) {
    return Tasks.fromGenerator(gen);
  }

  // ---- awaiting ----------------------------------------------------------------------------

  /**
   * Python's {@code await}. A {@link Future} (or {@link Task}) that is done gives its result at
   * once, without suspending; a pending one suspends the task until it is done. A
   * {@link Coroutine} runs inline in the current task. Stored exceptions are rethrown as the same
   * instance, unchecked even when checked.
   *
   * @throws CancelledError if the task is cancelled while it waits, or the future was cancelled
   * @throws IllegalStateException if a coroutine is awaited twice, or a task awaits itself
   * @throws dev.weft.continuations.SuspendException awaiting a pending future outside a task
   * @see EventLoopGroup awaiting a future of another loop of a group
   */
  @SuppressWarnings("unchecked")
  @ElidesTailCalls // awaiting a pending future in a task saves no frame of Weft's
  public static <T> T await(Awaitable<T> awaitable) throws Suspend {
    if (awaitable instanceof Future) { // futures.py's __await__: yield the future to the task unless it is done
      Future<T> f = (Future<T>) awaitable;
      // a future of a group's loop, from another thread: only its own thread may look at it
      if (f.loop.group != null && !f.loop.onLoopThread()) return CrossLoopAwait.await(f);
      if (!f.done()) {
        Carrier c = Frames.carrier(); // this method's own (instrumented): no lookup
        Resumable task = Awaits.task(c);
        // a tail call: the task's wake-up resumes the caller with f's result, or throws its exception
        if (task != null) return (T) Awaits.suspend(c, task, f);
        Awaits.awaitElsewhere(f);
      }
      return f.result();
    }
    // a coroutine runs inline: a tail call, so this frame is not saved while its body is suspended
    if (awaitable instanceof Coroutine) return ((Coroutine<T>) awaitable).awaitInline();
    Objects.requireNonNull(awaitable, "awaitable");
    throw new IllegalArgumentException("object " + awaitable + " can't be used in 'await' expression");
  }

  // ---- tasks -------------------------------------------------------------------------------

  /**
   * Wraps {@code coro} in a task on the running loop; its first step runs in the next iteration.
   *
   * @throws IllegalStateException outside a running loop ("no running event loop")
   */
  public static <T> Task<T> createTask(Coroutine<T> coro) {
    return getRunningLoop().createTask(coro);
  }

  /** As {@link #createTask(Coroutine)}, named {@code name}. */
  public static <T> Task<T> createTask(Coroutine<T> coro, String name) {
    return getRunningLoop().createTask(coro, name);
  }

  /** Python's {@code create_task(coro, name=, context=)}; a null context is a copy of the current one. */
  public static <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
    return getRunningLoop().createTask(coro, name, context);
  }

  /**
   * Python 3.12's {@code asyncio.eager_task_factory}: {@code loop.setTaskFactory(Asyncio::eagerTaskFactory)}
   * starts every task eagerly ({@link EventLoop#createTask(Coroutine, String, Context, boolean)}).
   */
  public static <T> Task<T> eagerTaskFactory(EventLoop loop, Coroutine<T> coro, String name, Context context) {
    return loop.createTask(coro, name, context, true);
  }

  /** A future for {@code awaitable}: itself if it is one, else a task on {@link #getEventLoop()}. */
  public static <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
    if (awaitable instanceof Future) return (Future<T>) awaitable;
    return Tasks.ensureFuture(awaitable, getEventLoop());
  }

  /**
   * The task running on this thread's loop, or null inside a plain callback.
   *
   * @throws IllegalStateException outside a running loop ("no running event loop")
   */
  public static Task<?> currentTask() {
    return getRunningLoop().currentTask();
  }

  /**
   * The tasks of the running loop that are not done.
   *
   * @throws IllegalStateException outside a running loop ("no running event loop")
   */
  public static Set<Task<?>> allTasks() {
    return getRunningLoop().tasks.pendingSet();
  }

  // ---- introspection -----------------------------------------------------------------------

  /**
   * CPython 3.14's {@code asyncio.capture_call_graph}: {@code future} (null: the current task), its
   * call stack, and the graphs of everything awaiting it (tasks awaiting it, directly or through
   * {@code waitFor} or a timeout block, a gather of it, the parent task of its TaskGroup, a shield
   * over it, the task in a {@code wait} or an {@code asCompleted} over it) up to the roots. For the
   * current task the stack is where this is called, through any generator body or greenlet running
   * in the task; for a suspended task, where it waits. See docs/traces.md for how this compares
   * with CPython. Null when {@code future}
   * is null and no task is running (inside a plain callback). Loop thread.
   *
   * <pre>{@code
   * Task<?> t = Asyncio.createTask(Asyncio.async(() -> work()), "worker");
   * Asyncio.await(Asyncio.sleep(0));
   * Asyncio.captureCallGraph(t).awaitedBy();   // [] until something awaits t
   * }</pre>
   *
   * @throws IllegalStateException if {@code future} is null outside a running loop
   */
  public static FutureCallGraph captureCallGraph(Future<?> future) {
    return CallGraphs.capture(future);
  }

  /**
   * CPython 3.14's {@code asyncio.format_call_graph}: {@link #captureCallGraph} as text, one
   * {@code "* Task(name='...', id=0x...)"} per future, its {@code "+ Call stack:"} as Java frames
   * ({@code "|   at Class.method(File.java:12)"}), then {@code "+ Awaited by:"} with each awaiter
   * indented by four spaces. Empty when there is nothing to capture.
   */
  public static String formatCallGraph(Future<?> future) {
    return CallGraphs.format(CallGraphs.capture(future));
  }

  /** CPython 3.14's {@code asyncio.print_call_graph}: {@link #formatCallGraph} and a line break, on {@code System.out}. */
  public static void printCallGraph(Future<?> future) {
    System.out.println(CallGraphs.format(CallGraphs.capture(future)));
  }

  /**
   * CPython 3.14's {@code python -m asyncio ps}, from inside the JVM: every live task of every
   * loop not closed, loop by loop ({@code "EventLoop loop-1: running, 2 tasks, 0 ready"}), one
   * line per task ({@code "Task(name='worker', id=0x1f) suspended, awaiting Future(id=0x2a)"})
   * then its stack where it waits, at most 16 frames. Callable from any thread: a loop running on
   * another thread is read on its own thread (waiting up to 2 s for it). Each loop's MBean
   * ({@code dev.weft.asyncio:type=EventLoop,name=loop-<n>}, attribute {@code TaskDump}) gives
   * the same for one loop.
   */
  public static String dumpTasks() {
    return TaskDumps.dumpAll();
  }

  /** {@link #dumpTasks()}, printed on {@code out}. */
  public static void printTasks(java.io.PrintStream out) {
    out.print(TaskDumps.dumpAll());
  }

  // ---- combinators -------------------------------------------------------------------------

  /**
   * Python's {@code asyncio.sleep(seconds)}: resumes no earlier than {@code seconds} of loop time
   * later; {@code sleep(0)} gives up exactly one loop iteration.
   */
  public static Coroutine<Void> sleep(double seconds) {
    return sleep(seconds, null);
  }

  /** As {@link #sleep(double)}, and the await returns {@code result}. Cancelling it cancels its timer. */
  public static <T> Coroutine<T> sleep(double seconds, T result) {
    return Tasks.sleep(seconds, result);
  }

  /** {@link #gather(boolean, Awaitable[])} without {@code returnExceptions}. */
  public static Future<List<Object>> gather(Awaitable<?>... aws) {
    return GatheringFuture.gather(false, aws);
  }

  /**
   * Python's {@code asyncio.gather}: wraps the awaitables in tasks at once and completes with
   * their results in argument order (the same awaitable twice shares one task). Without
   * {@code returnExceptions} the first failure completes it at once and the other children go on;
   * with it, exceptions take the place of values. Cancelling it cancels the children.
   */
  public static Future<List<Object>> gather(boolean returnExceptions, Awaitable<?>... aws) {
    return GatheringFuture.gather(returnExceptions, aws);
  }

  /** {@link #wait(Collection, Double, ReturnWhen)} with no timeout and {@code ALL_COMPLETED}. */
  public static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<T>> aws) {
    return wait(aws, null, ReturnWhen.ALL_COMPLETED);
  }

  /**
   * Python's {@code asyncio.wait}: waits until {@code when} holds or {@code timeoutSeconds} (null:
   * none) of loop time pass, and returns the {@code (done, pending)} futures. Never throws
   * {@link TimeoutError} and never cancels. Coroutines are wrapped in tasks, which the sets hold.
   *
   * @throws IllegalArgumentException if {@code aws} is empty ("Set of Tasks/Futures is empty.")
   */
  public static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<T>> aws, Double timeoutSeconds,
                                                  ReturnWhen when) {
    return Waits.wait(aws, timeoutSeconds, when);
  }

  /**
   * Python 3.12's {@code asyncio.wait_for}: awaits {@code aw} (a coroutine runs in the caller's
   * task) for at most {@code timeoutSeconds} of loop time (null: no limit). On timeout, cancels it,
   * waits until it has finished, and throws {@link TimeoutError} whose cause is the
   * {@link CancelledError}, unless it suppressed the cancellation and returned a value.
   */
  public static <T> Coroutine<T> waitFor(Awaitable<T> aw, Double timeoutSeconds) {
    return Waits.waitFor(aw, timeoutSeconds);
  }

  /**
   * Python's {@code asyncio.shield}: an outer future that follows {@code aw} but whose
   * cancellation (or the awaiting task's) does not reach {@code aw}. If {@code aw} is done
   * already, returns it as is. Once the outer future is cancelled, an exception {@code aw} ends
   * with later is not retrieved through it: unless its holder retrieves it, it is reported as never
   * retrieved, as in CPython.
   */
  public static <T> Future<T> shield(Awaitable<T> aw) {
    return Waits.shield(aw);
  }

  /**
   * {@code async with asyncio.timeout(delaySeconds)} around {@code body}: when the delay (loop
   * time; null: none) passes, the task is cancelled and the block ends with {@link TimeoutError}
   * (cause: the {@link CancelledError}). A cancellation from outside passes through unchanged.
   */
  public static <T> Coroutine<T> timeout(Double delaySeconds, SuspendableCallable<T> body) {
    return Waits.timeout(delaySeconds, body);
  }

  /** As {@link #timeout(Double, SuspendableCallable)}, with an absolute deadline in loop time ({@link EventLoop#time()}). */
  public static <T> Coroutine<T> timeoutAt(Double when, SuspendableCallable<T> body) {
    return Waits.timeoutAt(when, body);
  }

  /**
   * {@code async with asyncio.timeout(delaySeconds) as cm}: as
   * {@link #timeout(Double, SuspendableCallable)}, and the block receives the {@link Timeout} to
   * read ({@code when()}, {@code expired()}) or move ({@code reschedule}) the deadline.
   */
  public static <T> Coroutine<T> timeout(Double delaySeconds, Timeout.Body<T> body) {
    return Waits.timeout(delaySeconds, body);
  }

  /** As {@link #timeout(Double, Timeout.Body)}, with an absolute deadline in loop time. */
  public static <T> Coroutine<T> timeoutAt(Double when, Timeout.Body<T> body) {
    return Waits.timeoutAt(when, body);
  }

  /**
   * Python's {@code asyncio.as_completed}: wraps the awaitables at once; the k-th coroutine
   * awaited gives the k-th result to arrive (or throws that child's exception). After
   * {@code timeoutSeconds} (null: none) the awaits still outstanding throw {@link TimeoutError};
   * nothing is cancelled. Iterated asynchronously ({@link #forEach}), it gives the futures
   * themselves as they finish, as in Python 3.13: see {@link AsCompleted}.
   */
  public static <T> AsCompleted<T> asCompleted(Collection<? extends Awaitable<T>> aws, Double timeoutSeconds) {
    return new AsCompleted<>(aws, timeoutSeconds);
  }

  /**
   * Python's {@code asyncio.to_thread}: runs {@code fn} on the loop's default executor, in a copy
   * of the awaiting task's context, and awaits its outcome.
   */
  public static <T> Coroutine<T> toThread(Callable<T> fn) {
    return Tasks.toThread(fn);
  }

  /**
   * Python's {@code asyncio.run_coroutine_threadsafe}: from any thread, runs {@code coro} in a task
   * on {@code loop} and returns a {@link CompletableFuture} of its outcome. Cancelling that
   * cancels the task.
   */
  public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
    return Tasks.runCoroutineThreadsafe(coro, loop);
  }

  // ---- async for, async with ---------------------------------------------------------------

  /**
   * {@code async for v in iterable: consumer(v)}: awaits each {@code anext()} and hands the value
   * to {@code consumer}, which may await, until {@link StopAsyncIteration}. What {@code consumer}
   * throws ends it, and the iterator is left open, as in Python. See {@link AsyncIterator}.
   */
  public static <T> Coroutine<Void> forEach(AsyncIterable<T> iterable, SuspendableConsumer<? super T> consumer) {
    return AsyncIteration.forEach(iterable, consumer);
  }

  /**
   * {@code async with cm as v: body(v)}: awaits {@code cm.aenter()}, runs {@code body} with its
   * value, then awaits {@code cm.aexit(e)} with what {@code body} threw (null if nothing), which
   * may suppress it (then the coroutine returns null). See {@link AsyncContextManager}.
   */
  public static <R, T> Coroutine<T> asyncWith(AsyncContextManager<R> cm, AsyncContextManager.Body<? super R, T> body) {
    return AsyncIteration.asyncWith(cm, body);
  }

  // ---- streams ---------------------------------------------------------------------------------

  /** {@link #openConnection(String, int, int)} with the 64 KiB default limit. */
  public static Coroutine<Connection> openConnection(String host, int port) {
    return openConnection(host, port, StreamReader.DEFAULT_LIMIT);
  }

  /**
   * Python's {@code asyncio.open_connection}: connects a TCP socket without blocking the loop and
   * returns its reader (buffer limit {@code limit}) and writer. A literal address or
   * {@code localhost} is used as is; any other name is looked up on the loop's default executor
   * while the loop runs on, and its addresses are tried in turn.
   *
   * <pre>{@code
   * Connection c = Asyncio.await(Asyncio.openConnection("localhost", 8888));
   * }</pre>
   *
   * @throws java.io.UncheckedIOException (when awaited) wrapping the failure to connect, such as a
   *     {@code ConnectException}, or an {@code UnknownHostException} for a name that does not resolve
   */
  public static Coroutine<Connection> openConnection(String host, int port, int limit) {
    return Streams.openConnection(host, port, limit, null, HostLookup.SYSTEM);
  }

  /**
   * {@link #openConnection(String, int, int)} over TLS ({@code open_connection(..., ssl=context)}):
   * resolves once the handshake is done. The peer's certificate must be trusted by {@code ssl}
   * and name {@code host} (Python's default {@code check_hostname}); {@code host} is also sent as
   * the server name (SNI) unless it is a literal address.
   *
   * <pre>{@code
   * Connection c = Asyncio.await(Asyncio.openConnection("example.org", 443, SSLContext.getDefault()));
   * c.writer().write("HEAD / HTTP/1.0\r\nHost: example.org\r\n\r\n".getBytes(US_ASCII));
   * byte[] status = Asyncio.await(c.reader().readline());
   * }</pre>
   *
   * @throws java.io.UncheckedIOException (when awaited) wrapping the failure to connect, or the
   *     {@code SSLException} of a failed handshake (an {@code SSLHandshakeException} for a
   *     certificate that is not trusted or does not match {@code host})
   */
  public static Coroutine<Connection> openConnection(String host, int port, javax.net.ssl.SSLContext ssl) {
    Objects.requireNonNull(ssl, "ssl");
    return Streams.openConnection(host, port, StreamReader.DEFAULT_LIMIT, ssl, HostLookup.SYSTEM);
  }

  /**
   * Python's {@code asyncio.start_server}: listens on {@code host:port} (0: a free port) and calls
   * {@code cb} for each connection; a coroutine it returns runs as a task. Resolves once the
   * server listens. A null or empty {@code host} listens on every interface (one dual-stack
   * socket); a name, {@code localhost} included, is looked up on the loop's default executor and
   * the server listens on every address it resolves to, IPv4 and IPv6, as CPython does (port 0:
   * one free port, the same on each; see {@link Server#sockets()}).
   *
   * @throws java.io.UncheckedIOException (when awaited) wrapping a {@code BindException} with
   *     CPython's message ("error while attempting to bind on address ('127.0.0.1', 8888): address
   *     already in use"), or an {@code UnknownHostException} for a name that does not resolve
   */
  public static Coroutine<Server> startServer(Server.ClientConnected cb, String host, int port) {
    return Streams.startServer(cb, host, port, null, HostLookup.SYSTEM);
  }

  /**
   * {@link #startServer(Server.ClientConnected, String, int)} over TLS
   * ({@code start_server(..., ssl=context)}): each connection's handshake runs first, and
   * {@code cb} is called once it is done. A client whose handshake fails is closed without
   * reaching {@code cb} (logged at DEBUG, as CPython does).
   */
  public static Coroutine<Server> startServer(Server.ClientConnected cb, String host, int port, javax.net.ssl.SSLContext ssl) {
    Objects.requireNonNull(ssl, "ssl");
    return Streams.startServer(cb, host, port, ssl, HostLookup.SYSTEM);
  }

  /**
   * Python's {@code asyncio.open_unix_connection(path)}: {@link #openConnection(String, int)} over
   * a Unix domain socket.
   *
   * @throws java.io.UncheckedIOException (when awaited) wrapping the failure to connect, such as a
   *     {@code SocketException} when no server listens at {@code path}
   */
  public static Coroutine<Connection> openUnixConnection(String path) {
    return Streams.openUnixConnection(path, StreamReader.DEFAULT_LIMIT);
  }

  /**
   * Python's {@code asyncio.start_unix_server(cb, path)}: {@link #startServer} on a Unix domain
   * socket file, removed when the server (or its loop) closes, as 3.13's {@code cleanup_socket};
   * a stale socket file left at {@code path} is replaced.
   *
   * <pre>{@code
   * Server s = Asyncio.await(Asyncio.startUnixServer(handler, "/tmp/app.sock"));
   * Connection c = Asyncio.await(Asyncio.openUnixConnection("/tmp/app.sock"));
   * }</pre>
   */
  public static Coroutine<Server> startUnixServer(Server.ClientConnected cb, String path) {
    return Streams.startUnixServer(cb, path, StreamReader.DEFAULT_LIMIT);
  }

  // ---- subprocesses (bodies in Subprocesses) ----------------------------------------------

  /** {@link #createSubprocessExec(SubprocessOptions, String...)} redirecting nothing, as Python's default. */
  public static Coroutine<Subprocess> createSubprocessExec(String... args) {
    return Subprocesses.exec(SubprocessOptions.DEFAULT, args);
  }

  /**
   * Python's {@code asyncio.create_subprocess_exec(*args, stdin=, stdout=, stderr=, limit=)}:
   * starts {@code args[0]} with the arguments that follow, no shell.
   *
   * <pre>{@code
   * Subprocess p = Asyncio.await(Asyncio.createSubprocessExec(SubprocessOptions.PIPES, "cat"));
   * }</pre>
   *
   * @throws java.io.UncheckedIOException (when awaited) if the program cannot start, naming it
   */
  public static Coroutine<Subprocess> createSubprocessExec(SubprocessOptions opts, String... args) {
    return Subprocesses.exec(opts, args);
  }

  /** {@link #createSubprocessShell(SubprocessOptions, String)} redirecting nothing. */
  public static Coroutine<Subprocess> createSubprocessShell(String cmd) {
    return Subprocesses.shell(SubprocessOptions.DEFAULT, cmd);
  }

  /** Python's {@code asyncio.create_subprocess_shell}: runs {@code cmd} with {@code /bin/sh -c}. */
  public static Coroutine<Subprocess> createSubprocessShell(SubprocessOptions opts, String cmd) {
    return Subprocesses.shell(opts, cmd);
  }

  // ---- the greenlet bridge ----------------------------------------------------------------

  /**
   * SQLAlchemy's {@code greenlet_spawn}: a coroutine that, when awaited, runs {@code fn(args)} in
   * a new greenlet whose parent is the greenlet running the awaiting task. {@code fn} starts at
   * once, inside the task; each {@link #awaitOnly} in it (at any depth) is awaited by the task,
   * which yields to the loop only if the awaitable is pending. The await returns what {@code fn}
   * returns (a {@code GreenletExit} escaping it is returned too) and rethrows what escapes it. The
   * greenlet shares the task's context. {@link #await} called directly inside {@code fn} behaves
   * exactly like {@code awaitOnly}.
   */
  public static Coroutine<Object> greenletSpawn(Greenlet.Run fn, Object... args) {
    return GreenletBridge.greenletSpawn(fn, args);
  }

  /**
   * SQLAlchemy's {@code await_only}: from code started by {@link #greenletSpawn}, awaits
   * {@code aw} in the task and returns its result, or throws its exception (the same instance).
   *
   * @throws MissingGreenletError outside greenletSpawn code (a task body, a callback, a plain
   *     thread); an unstarted coroutine argument is closed first
   */
  public static <T> T awaitOnly(Awaitable<T> aw) throws Suspend {
    return GreenletBridge.awaitOnly(aw);
  }

  // ---- loops -------------------------------------------------------------------------------

  /**
   * The loop running on this thread.
   *
   * @throws IllegalStateException outside a running loop ("no running event loop")
   */
  public static EventLoop getRunningLoop() {
    EventLoop loop = EventLoop.running();
    if (loop == null) throw new IllegalStateException("no running event loop");
    return loop;
  }

  /** Sets the loop {@link #getEventLoop()} returns on this thread when none is running; may be null. */
  public static void setEventLoop(EventLoop loop) {
    EventLoop.SET.set(loop);
  }

  /**
   * The running loop, else the loop set for this thread, else a new loop which becomes the one
   * set for this thread (Python 3.12 without the deprecation warning).
   */
  public static EventLoop getEventLoop() {
    return EventLoop.runningOrSet();
  }

  /** A new loop on the system clock; neither set for this thread nor started. */
  public static EventLoop newEventLoop() {
    return new EventLoop();
  }
}

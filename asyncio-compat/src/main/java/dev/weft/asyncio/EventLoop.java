package dev.weft.asyncio;

import dev.weft.asyncio.internal.loop.Clock;
import dev.weft.asyncio.internal.loop.DefaultExceptionHandler;
import dev.weft.asyncio.internal.loop.DefaultExecutor;
import dev.weft.asyncio.internal.loop.LateReports;
import dev.weft.asyncio.internal.loop.Scheduler;
import dev.weft.asyncio.internal.loop.SelectorLoop;
import dev.weft.asyncio.internal.loop.SelectorRegistry;
import dev.weft.asyncio.internal.loop.SystemClock;
import dev.weft.asyncio.internal.streams.SockOps;
import dev.weft.asyncio.internal.task.Current;
import dev.weft.continuations.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Python's asyncio event loop ({@code BaseEventLoop} with a selector): one thread runs callbacks,
 * timers and task steps, one at a time, in the order {@code base_events._run_once} does.
 *
 * <pre>{@code
 * try (EventLoop loop = Asyncio.newEventLoop()) {
 *   loop.callSoon(() -> System.out.println("first"));
 *   loop.callLater(0.5, loop::stop);
 *   loop.runForever();                       // prints "first", returns after half a second
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> A loop is not thread-safe. Only {@link #callSoonThreadsafe} may be called from
 * other threads; everything else belongs to the thread that runs the loop (debug mode checks this).
 *
 * <p><b>Compared with Python:</b> no signal handlers; {@code addReader}/{@code addWriter} take a
 * {@link java.nio.channels.SelectableChannel}, not a file descriptor; {@code time()} is
 * {@link System#nanoTime()} in seconds; timers with equal deadlines run in FIFO order.
 */
public class EventLoop extends BaseSelectorEventLoop implements AutoCloseable {
  static final System.Logger LOGGER = System.getLogger("dev.weft.asyncio");

  /* The loop set for each thread (the policy's); the running one is in Current. */
  static final ThreadLocal<EventLoop> SET = new ThreadLocal<>();

  private final Clock clock;
  /* The machinery, by CPython module: base_events' scheduling (selector_events' registry, io, is the superclass's). */
  private final Scheduler scheduler;
  final LateReports lateReports = new LateReports(this::callExceptionHandler);
  private final DefaultExecutor defaultExecutor = new DefaultExecutor();
  private final SelectorLoop selectorLoop = new LoopSelector(this, io);
  private volatile boolean closed;
  private volatile Thread thread;
  private boolean debug;
  /* Debug mode, or a member of a group: loop-only methods refuse other threads (see checkThread). */
  boolean threadChecks;
  /* The group whose thread runs this loop, set before that thread starts; null for a plain loop. */
  EventLoopGroup group;
  private BiConsumer<EventLoop, Map<String, Object>> exceptionHandler;
  /* What the scheduler may do with the handles, and the coroutines to watch at an iteration's end. */
  private final LoopDispatch dispatch = new LoopDispatch();

  EventLoop() {
    this(SystemClock.INSTANCE);
  }

  /** A loop on {@code clock}; tests pass a {@code ManualClock}. */
  EventLoop(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = new Scheduler(clock, dispatch, io);
    scheduler.setLoopName(name());
    TaskDumps.track(this);
  }

  // ---- introspection -----------------------------------------------------------------------

  private static final java.util.concurrent.atomic.AtomicInteger IDS = new java.util.concurrent.atomic.AtomicInteger();
  /* Numbers the loops of the JVM: their names in dumps, events and the MBean ("loop-<id>"). */
  final int id = IDS.incrementAndGet();
  /* Made at the first run: registered while the loop runs (and until it closes). */
  private dev.weft.asyncio.internal.introspect.LoopMBean mbean;

  /** The loop's name in task dumps, JFR events and its MBean ({@code dev.weft.asyncio:type=EventLoop,name=loop-<n>}). */
  public String name() {
    return "loop-" + id;
  }

  int readyCount() {
    return scheduler.readyCount();
  }

  // ---- running -----------------------------------------------------------------------------

  /**
   * Runs the loop until {@link #stop()} is called. Called after {@code stop()}, it runs one
   * iteration and returns.
   *
   * @throws IllegalStateException if the loop is closed ("Event loop is closed"), already running
   *     ("This event loop is already running"), or another loop runs on this thread
   * @throws VirtualMachineError escaping a callback, as the same instance
   */
  public void runForever() {
    checkClosed();
    checkRunning();
    thread = Thread.currentThread();
    if (mbean == null) {
      mbean = new dev.weft.asyncio.internal.introspect.LoopMBean(
          tasks::size, this::readyCount, scheduler::lag, this::isRunning, () -> TaskDumps.dump(this));
      mbean.register(name());
    }
    Current.setOnThread(tasks.current());
    try {
      for (;;) {
        scheduler.runOnce();
        if (scheduler.stopping()) break;
      }
    } finally {
      dispatch.iterationEnded();
      scheduler.stopped();
      thread = null;
      Current.setOnThread(null);
      if (scheduler.takeInterrupted()) Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops the loop: the current iteration finishes, then {@link #runForever()} returns. Before
   * {@code runForever}, makes the next one return after one iteration.
   */
  public void stop() {
    scheduler.stop();
  }

  /** True while {@link #runForever()} (or {@code runUntilComplete}) runs. */
  public boolean isRunning() {
    return thread != null;
  }

  /** True once {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the loop: pending callbacks and timers are dropped without running, the default
   * executor is shut down without waiting. Idempotent.
   *
   * @throws IllegalStateException if the loop is running ("Cannot close a running event loop")
   */
  @Override
  public void close() {
    if (isRunning()) throw new IllegalStateException("Cannot close a running event loop");
    if (closed) return;
    closed = true;
    if (mbean != null) mbean.unregister();
    TaskDumps.untrack(this);
    tasks.reportPendingAndClear(this::callExceptionHandler);
    scheduler.clear();
    lateReports.reportOutstanding(); // every failure nothing retrieved, once (issue 15)
    lateReports.deliver(); // after closed is set: a report queued later is delivered by its sender
    ExecutorService executor = defaultExecutor.detach();
    if (executor != null) executor.shutdown();
    try {
      io.close();
    } catch (IOException e) {
      LOGGER.log(Level.WARNING, "closing the selector of " + this, e);
    }
  }

  /** One iteration: see {@link Scheduler#runOnce()}. */
  void runOnce() {
    scheduler.runOnce();
  }

  /** See {@link Coroutine}: coroutines made during this iteration, watched if still unstarted at its end. */
  void watchAtIterationEnd(Coroutine<?> c) {
    dispatch.watchAtIterationEnd(c);
  }

  /** Schedules {@code handler} through the ready queue the first time the loop's thread is interrupted. */
  void onInterrupt(Runnable handler) {
    scheduler.onInterrupt(new Handle(handler, this, null));
  }

  /** This loop as its server, transports and socket operations see it (add_reader / add_writer). */
  @Override
  SelectorLoop selectorLoop() {
    return selectorLoop;
  }

  void timerHandleCancelled(TimerHandle t) {
    if (t.scheduled) scheduler.timerCancelled();
  }

  // ---- scheduling --------------------------------------------------------------------------

  /**
   * Schedules {@code callback} to run in a later iteration, after the callbacks already ready
   * (FIFO). It never runs inline. Loop thread only.
   *
   * @throws IllegalStateException if the loop is closed ("Event loop is closed")
   */
  public Handle callSoon(Runnable callback) {
    return callSoon(callback, Context.copyCurrent());
  }

  /**
   * As {@link #callSoon(Runnable)}, running {@code callback} in {@code context} (entered for the
   * call; variables it sets change that context).
   */
  public Handle callSoon(Runnable callback, Context context) {
    return schedule(callback, Objects.requireNonNull(context, "context"));
  }

  /** callSoon for the loop's own callbacks; a null context leaves the thread's context alone. */
  Handle schedule(Runnable callback, Context context) {
    checkClosed();
    if (threadChecks) checkThread();
    Handle h = new Handle(Objects.requireNonNull(callback, "callback"), this, context);
    scheduler.add(h);
    return h;
  }

  /** Queues a task's step (the task itself, see {@code Task.runStep}), as {@link #schedule} would a handle. */
  void scheduleStep(Task<?> t) {
    checkClosed();
    if (threadChecks) checkThread();
    scheduler.addStep(t);
  }

  /** What escaped a callback (a handle's, or a task's step, which has none), to the exception handler. */
  void reportCallbackFailure(String callback, Object source, Throwable t) {
    Map<String, Object> report = new HashMap<>();
    report.put("message", "Exception in callback " + callback);
    report.put("exception", t);
    report.put("handle", source);
    callExceptionHandler(report);
  }

  /**
   * Schedules {@code callback} to run {@code delaySeconds} of loop time from now. A negative delay
   * is kept, as in CPython: the deadline lies in the past, so the timer runs before timers due
   * later, even ones scheduled earlier with a delay of 0. Loop thread only.
   *
   * @throws IllegalStateException if the loop is closed ("Event loop is closed")
   */
  public TimerHandle callLater(double delaySeconds, Runnable callback) {
    return callAt(time() + delaySeconds, callback);
  }

  /**
   * Schedules {@code callback} at the absolute loop time {@code when} ({@link #time()}'s clock).
   * Equal deadlines run in scheduling order. Loop thread only.
   *
   * @throws IllegalStateException if the loop is closed ("Event loop is closed")
   */
  public TimerHandle callAt(double when, Runnable callback) {
    checkClosed();
    if (threadChecks) checkThread();
    return timer(when, Objects.requireNonNull(callback, "callback"), Context.copyCurrent());
  }

  /** Schedules a timer; {@code context} null for the loop's own callbacks, which run no user code. */
  TimerHandle timer(double when, Runnable callback, Context context) {
    return onHeap(new TimerHandle(when, scheduler.nextTimerSequence(), callback, this, context));
  }

  /** Schedules the timer of a sleep awaited in {@code task} (see {@link SleepTimer}). */
  SleepTimer sleepTimer(double when, Task<?> task) {
    return onHeap(new SleepTimer(when, scheduler.nextTimerSequence(), this, task));
  }

  private <H extends TimerHandle> H onHeap(H t) {
    t.scheduled = true;
    scheduler.add(t);
    return t;
  }

  /**
   * Like {@link #callSoon}, from any thread: wakes the loop if it is waiting. Calls from one
   * thread run in their order.
   *
   * @throws IllegalStateException if the loop is closed ("Event loop is closed")
   */
  public Handle callSoonThreadsafe(Runnable callback) {
    checkClosed();
    Handle h = new Handle(Objects.requireNonNull(callback, "callback"), this, Context.copyCurrent());
    scheduler.addThreadsafe(h);
    return h;
  }

  /** The loop's monotonic time, in seconds. */
  public double time() {
    return clock.time();
  }

  /**
   * Runs the loop until {@code aw} is done (a coroutine is wrapped in a task first) and returns
   * its result, or rethrows its exception as the same instance.
   *
   * @throws IllegalStateException if the loop is closed, already running, or was stopped before
   *     {@code aw} completed ("Event loop stopped before Future completed.")
   * @throws CancelledError if {@code aw} was cancelled
   */
  public <T> T runUntilComplete(Awaitable<T> aw) {
    checkClosed();
    checkRunning();
    boolean newTask = !(aw instanceof Future);
    Future<T> future = Tasks.ensureFuture(aw, this);
    if (future.loop != this) {
      throw new IllegalArgumentException("The future belongs to a different loop than the one specified as the loop argument");
    }
    Consumer<Future<T>> stopWhenDone = f -> stop();
    future.addCallback(stopWhenDone);
    try {
      runForever();
    } catch (Throwable t) {
      if (newTask && future.done() && !future.cancelled()) future.markRetrieved(); // the error leaves here
      throw t;
    } finally {
      future.removeCallback(stopWhenDone);
    }
    if (!future.done()) throw new IllegalStateException("Event loop stopped before Future completed.");
    return future.result();
  }

  /** The loop running on this thread, or null. */
  static EventLoop running() {
    return Current.runningLoop();
  }

  /** {@link Asyncio#getEventLoop()}: the running loop, else this thread's, made and set on first use. */
  static EventLoop runningOrSet() {
    EventLoop loop = running();
    if (loop != null) return loop;
    loop = SET.get();
    if (loop == null) {
      loop = new EventLoop();
      SET.set(loop);
    }
    return loop;
  }

  /** The task whose step is running, if any. */
  Task<?> currentTask() {
    return tasks.current().task();
  }

  // ---- errors and debugging ----------------------------------------------------------------

  /** Reports {@code context} from any thread, never lost: see {@link LateReports#send}. */
  void reportThreadsafe(Map<String, Object> context) {
    lateReports.send(context, this::isClosed, this::callSoonThreadsafe);
  }

  /**
   * Sets the handler for errors that have no caller (keys {@code message}, {@code exception},
   * {@code future}, {@code task}, {@code handle}); {@code null} restores the default, which logs
   * at ERROR through {@link System.Logger} {@code dev.weft.asyncio}.
   */
  public void setExceptionHandler(BiConsumer<EventLoop, Map<String, Object>> handler) {
    this.exceptionHandler = handler;
  }

  /**
   * Reports an error that has no caller to the exception handler. If the handler itself throws,
   * the default handler reports that ("Unhandled error in exception handler").
   */
  public void callExceptionHandler(Map<String, Object> context) {
    DefaultExceptionHandler.call(exceptionHandler, this, context);
  }

  /**
   * Debug mode: slow callbacks (0.1 s and more) are logged, creation stacks are added to reports,
   * and loop-only methods check that they are called on the loop's thread.
   */
  public void setDebug(boolean enabled) {
    this.debug = enabled;
    this.threadChecks = enabled || group != null;
    scheduler.setDebug(enabled);
  }

  /** True in debug mode. */
  public boolean getDebug() {
    return debug;
  }

  // ---- internals shared with futures and tasks ---------------------------------------------

  void checkClosed() {
    if (closed) throw new IllegalStateException("Event loop is closed");
  }

  private void checkRunning() {
    if (isRunning()) throw new IllegalStateException("This event loop is already running");
    EventLoop other = running();
    if (other != null) throw new IllegalStateException("Cannot run the event loop while another loop is running");
  }

  /** Makes this loop a member of {@code g}: always thread-checked, its futures awaitable from other loops. */
  void joinGroup(EventLoopGroup g) {
    group = g;
    threadChecks = true;
  }

  /** True on the thread running this loop. */
  boolean onLoopThread() {
    return thread == Thread.currentThread();
  }

  /** Debug mode's check that a loop-only method runs on the loop's thread. */
  void checkThread() {
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      throw new IllegalStateException("Non-thread-safe operation invoked on an event loop other than the current one"
          + " (loop thread " + t.getName() + ", called from " + Thread.currentThread().getName() + ")");
    }
  }

  Scheduler scheduler() {
    return scheduler;
  }

  Clock clock() {
    return clock;
  }

  /** The default executor's pool; asyncio.run shuts it down ({@link Runners}). */
  DefaultExecutor defaultExecutorPool() {
    return defaultExecutor;
  }

  ExecutorService defaultExecutor() {
    checkClosed();
    return defaultExecutor.get();
  }

  @Override
  public String toString() {
    return "EventLoop[" + (isRunning() ? "running" : closed ? "closed" : "idle") + ", debug=" + debug + "]";
  }
}

package dev.weft.asyncio.internal.loop;

import dev.weft.asyncio.internal.introspect.LoopEvents;

import dev.weft.asyncio.Handle;
import dev.weft.asyncio.TimerHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * CPython's {@code base_events} scheduling: the ready queue, the timer heap, the queue other
 * threads fill, and {@link #runOnce()}, the one place an event loop runs callbacks. Loop thread
 * only, apart from {@link #addThreadsafe}.
 */
public final class Scheduler {
  private static final System.Logger LOGGER = System.getLogger("dev.weft.asyncio");
  private static final int MIN_SCHEDULED_TIMER_HANDLES = 100;
  private static final double MIN_CANCELLED_TIMER_HANDLES_FRACTION = 0.5;
  private static final double MAXIMUM_SELECT_TIMEOUT = 24 * 3600;

  /**
   * What the scheduler needs of the public handle types and of the loop, which keep it
   * package-private: CPython's {@code handle._run()} and {@code timer._scheduled}.
   */
  public interface Dispatch {
    /**
     * Runs what is ready: a handle's callback, or a step the loop queued without a handle (a task
     * is its own step); what escapes goes to the loop's exception handler.
     */
    void run(Object ready);

    /** The order of {@code t} among timers with the same deadline. */
    long sequence(TimerHandle t);

    /** {@code t} left the timer heap: cancelling it no longer counts towards a purge. */
    void unscheduled(TimerHandle t);

    /** An iteration ran its callbacks. */
    void iterationEnded();
  }

  private final Clock clock;
  private final Dispatch dispatch;
  private final SelectorRegistry io;
  /* Callbacks ready to run, FIFO; touched only by the loop thread. */
  private final ArrayDeque<Object> ready = new ArrayDeque<>(); // Handles, and steps (see Dispatch.run)
  /* Timers by deadline, then by scheduling order (Weft's FIFO guarantee for equal deadlines). */
  private final PriorityQueue<TimerHandle> scheduled;
  /* Filled by other threads, drained into ready by the loop thread after each wait. */
  private final ConcurrentLinkedQueue<Handle> threadsafe = new ConcurrentLinkedQueue<>();
  private long timerSequence;
  private int timerCancelledCount;
  private boolean stopping;
  private boolean debug;
  private double slowCallbackDuration = 0.1;
  /* How late the earliest due timer was taken, at the last iteration that took one (seconds); read by the loop's MBean. */
  private volatile double lag;
  /* For events and the MBean: the loop's name. */
  private String loopName = "";
  /* Jobs given to an executor whose outcome has not reached the loop yet; virtual time waits for them. */
  private int executorJobs;
  /* An interrupt of the loop's thread seen while waiting: taken so the selector does not spin, given back on exit. */
  private boolean interrupted;
  /* What an interrupt schedules, once (asyncio.run: cancel the main task, SEMANTICS section 9.7). */
  private Handle onInterrupt;

  public Scheduler(Clock clock, Dispatch dispatch, SelectorRegistry io) {
    this.clock = clock;
    this.dispatch = dispatch;
    this.io = io;
    this.scheduled = new PriorityQueue<>(
        Comparator.comparingDouble(TimerHandle::when).thenComparingLong(dispatch::sequence));
  }

  /**
   * One iteration, as CPython's {@code _run_once}: purge cancelled timers, wait for wake-ups as
   * long as nothing is ready (up to the next timer), move due timers to the ready queue, then run
   * exactly the callbacks that were ready at that point. Callbacks scheduled meanwhile wait for
   * the next iteration. This is the only place callbacks are called.
   */
  public void runOnce() {
    int schedCount = scheduled.size();
    if (schedCount > MIN_SCHEDULED_TIMER_HANDLES
        && (double) timerCancelledCount / schedCount > MIN_CANCELLED_TIMER_HANDLES_FRACTION) {
      scheduled.removeIf(t -> {
        if (t.cancelled()) dispatch.unscheduled(t);
        return t.cancelled();
      });
      timerCancelledCount = 0;
    } else {
      while (!scheduled.isEmpty() && scheduled.peek().cancelled()) {
        timerCancelledCount--;
        dispatch.unscheduled(scheduled.poll());
      }
    }

    double timeout = -1; // block until woken
    if (!ready.isEmpty() || stopping || !threadsafe.isEmpty()) {
      timeout = 0;
    } else if (!scheduled.isEmpty()) {
      timeout = Math.min(Math.max(0, scheduled.peek().when() - clock.time()), MAXIMUM_SELECT_TIMEOUT);
    }
    select(timeout); // ready channels and an interrupt join the ready queue

    // Wake-ups from other threads keep their order, behind what was already ready.
    for (Handle h; (h = threadsafe.poll()) != null; ) ready.add(h);

    if (!scheduled.isEmpty()) { // reading the clock is a system call's worth of time: only when a timer may be due
      double now = clock.time();
      double endTime = now + clock.resolution();
      boolean first = true;
      while (!scheduled.isEmpty()) {
        TimerHandle t = scheduled.peek();
        if (t.when() >= endTime) break;
        if (first) { // the loop's lag: how late the earliest due timer is taken (one subtraction; the clock was read anyway)
          first = false;
          lag = Math.max(0, now - t.when());
          if (lag >= LoopEvents.LAG_REPORTED) LoopEvents.lag(loopName, lag);
        }
        scheduled.poll();
        dispatch.unscheduled(t);
        ready.add(t);
      }
    }

    // Run only what is ready now: callbacks they schedule wait for the next iteration.
    for (int ntodo = ready.size(); ntodo > 0; ntodo--) {
      Object h = ready.poll();
      if (h instanceof Handle && ((Handle) h).cancelled()) continue;
      if (debug) {
        double t0 = clock.time();
        String description = h.toString(); // taken before the callback can cancel its own handle
        dispatch.run(h);
        double dt = clock.time() - t0;
        if (dt >= slowCallbackDuration) {
          LOGGER.log(Level.WARNING, "Executing " + description + " took " + dt + " seconds");
          LoopEvents.slowCallback(loopName, description, dt);
        }
      } else {
        dispatch.run(h);
      }
    }
    dispatch.iterationEnded();
  }

  /** Waits up to {@code timeout} seconds (0: poll, negative: until woken); schedules what it finds, runs nothing. */
  private void select(double timeout) {
    try {
      if (timeout == 0) {
        // Callbacks are ready: poll the channels, if any. With none registered a poll finds nothing
        // (threadsafe wake-ups are drained from their queue anyway), and skipping the system call
        // is most of the cost of an iteration that only runs callbacks.
        if (io.hasChannels()) io.selectNow();
      } else if (timeout < 0) {
        io.select();
      } else if (executorJobs > 0 && clock.isVirtual()) {
        io.select(); // virtual time stands still until the job's outcome wakes the loop
      } else if (clock.skip(timeout)) {
        io.selectNow();
      } else {
        long millis = (long) Math.ceil(timeout * 1000);
        io.select(Math.max(1, millis));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    io.processEvents(ready);
    if (Thread.interrupted()) {
      // A selector returns at once while its thread is interrupted: keep the flag aside.
      interrupted = true;
      if (onInterrupt != null) {
        ready.add(onInterrupt);
        onInterrupt = null;
      }
    }
  }

  /** Appends {@code h} to the ready queue (callSoon). */
  /** The callbacks ready to run (racy from other threads: for the loop's MBean). */
  public int readyCount() {
    return ready.size() + threadsafe.size();
  }

  /** How late the earliest due timer was taken at the last iteration that took one, in seconds. */
  public double lag() {
    return lag;
  }

  /** The loop's name, for its events. */
  public void setLoopName(String name) {
    loopName = name;
  }

  public void add(Handle h) {
    ready.add(h);
  }

  /** Appends a step the dispatcher knows how to run (see {@link Dispatch#run}) to the ready queue. Loop thread. */
  public void addStep(Object step) {
    ready.add(step);
  }

  /** Appends {@code h} to the queue of other threads and wakes the loop. Any thread. */
  public void addThreadsafe(Handle h) {
    threadsafe.add(h);
    io.wakeup();
  }

  /** A sequence number for the next timer: equal deadlines run in this order. */
  public long nextTimerSequence() {
    return timerSequence++;
  }

  /** Adds {@code t} to the timer heap. */
  public void add(TimerHandle t) {
    scheduled.add(t);
  }

  /** A timer still in the heap was cancelled: many of them make the next iteration purge the heap. */
  public void timerCancelled() {
    timerCancelledCount++;
  }

  /** Makes the loop stop after the current iteration (which then does not wait). */
  public void stop() {
    stopping = true;
  }

  public boolean stopping() {
    return stopping;
  }

  /** The loop stopped: the next {@code runForever} runs until stopped again. */
  public void stopped() {
    stopping = false;
  }

  public void setDebug(boolean debug) {
    this.debug = debug;
  }

  /** {@code handle} is scheduled, once, the first time an interrupt of the loop's thread is seen. */
  public void onInterrupt(Handle handle) {
    this.onInterrupt = handle;
  }

  /** True if an interrupt was seen since the last call; clears it. */
  public boolean takeInterrupted() {
    boolean was = interrupted;
    interrupted = false;
    return was;
  }

  /** A job went to an executor: virtual time stands still until {@link #executorJobDone()}. */
  public void executorJobStarted() {
    executorJobs++;
  }

  public void executorJobDone() {
    executorJobs--;
  }

  /** Drops every pending callback and timer, without running them. */
  public void clear() {
    ready.clear();
    scheduled.clear();
    threadsafe.clear();
    timerCancelledCount = 0;
  }
}

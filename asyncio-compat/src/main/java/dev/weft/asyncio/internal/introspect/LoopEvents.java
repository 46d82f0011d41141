package dev.weft.asyncio.internal.introspect;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * Weft's asyncio JFR events ({@code dev.weft.asyncio.*}). Each is guarded by one probe instance's
 * {@code isEnabled()} (a static flag once JFR instruments the class, false before): with no
 * recording, an event site costs that check and allocates nothing.
 */
public final class LoopEvents {
  /** Loop lags from this long (seconds) are recorded as {@code dev.weft.asyncio.LoopLag}. */
  public static final double LAG_REPORTED = 0.01;

  private static final TaskCreated CREATED = new TaskCreated();
  private static final TaskFinished FINISHED = new TaskFinished();
  private static final SlowCallback SLOW = new SlowCallback();
  private static final NeverRetrieved NEVER_RETRIEVED = new NeverRetrieved();
  private static final LoopLag LAG = new LoopLag();

  private LoopEvents() {}

  public static boolean taskCreatedEnabled() {
    return CREATED.isEnabled();
  }

  public static void taskCreated(String loop, String task, String coroutine) {
    TaskCreated e = new TaskCreated();
    e.loop = loop;
    e.task = task;
    e.coroutine = coroutine;
    e.commit();
  }

  public static boolean taskFinishedEnabled() {
    return FINISHED.isEnabled();
  }

  public static void taskFinished(String loop, String task, String outcome) {
    TaskFinished e = new TaskFinished();
    e.loop = loop;
    e.task = task;
    e.outcome = outcome;
    e.commit();
  }

  public static void slowCallback(String loop, String callback, double seconds) {
    if (!SLOW.isEnabled()) return;
    SlowCallback e = new SlowCallback();
    e.loop = loop;
    e.callback = callback;
    e.took = (long) (seconds * 1e9);
    e.commit();
  }

  public static void neverRetrieved(String kind, String future, Throwable exception) {
    if (!NEVER_RETRIEVED.isEnabled()) return;
    NeverRetrieved e = new NeverRetrieved();
    e.kind = kind;
    e.future = future;
    e.exceptionClass = exception.getClass().getName();
    e.message = exception.getMessage();
    e.commit();
  }

  public static void lag(String loop, double seconds) {
    if (!LAG.isEnabled()) return;
    LoopLag e = new LoopLag();
    e.loop = loop;
    e.lag = (long) (seconds * 1e9);
    e.commit();
  }

  @Name("dev.weft.asyncio.TaskCreated")
  @Label("Task Created")
  @Category({"Weft", "Asyncio"})
  static final class TaskCreated extends Event {
    @Label("Loop") String loop;
    @Label("Task") String task;
    @Label("Coroutine") String coroutine;
  }

  @Name("dev.weft.asyncio.TaskFinished")
  @Label("Task Finished")
  @Category({"Weft", "Asyncio"})
  static final class TaskFinished extends Event {
    @Label("Loop") String loop;
    @Label("Task") String task;
    @Label("Outcome") @Description("result, exception or cancelled") String outcome;
  }

  @Name("dev.weft.asyncio.SlowCallback")
  @Label("Slow Callback")
  @Description("Debug mode: a callback or task step that ran at least slow_callback_duration")
  @Category({"Weft", "Asyncio"})
  static final class SlowCallback extends Event {
    @Label("Loop") String loop;
    @Label("Callback") String callback;
    @Label("Took") @Timespan(Timespan.NANOSECONDS) long took;
  }

  @Name("dev.weft.asyncio.NeverRetrieved")
  @Label("Exception Never Retrieved")
  @Category({"Weft", "Asyncio"})
  static final class NeverRetrieved extends Event {
    @Label("Kind") String kind;
    @Label("Future") String future;
    @Label("Exception Class") String exceptionClass;
    @Label("Message") String message;
  }

  @Name("dev.weft.asyncio.LoopLag")
  @Label("Loop Lag")
  @Description("How late the loop took its earliest due timer (recorded from 10 ms)")
  @Category({"Weft", "Asyncio"})
  static final class LoopLag extends Event {
    @Label("Loop") String loop;
    @Label("Lag") @Timespan(Timespan.NANOSECONDS) long lag;
  }
}

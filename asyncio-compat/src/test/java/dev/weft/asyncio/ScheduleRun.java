package dev.weft.asyncio;

import dev.weft.asyncio.ScheduleProgram.Op;
import dev.weft.asyncio.ScheduleProgram.TaskScript;
import dev.weft.asyncio.internal.loop.ManualClock;
import dev.weft.continuations.Suspend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Runs one {@link ScheduleProgram} on a loop with virtual time and records what an observer can
 * see without disturbing it: body starts and finallys, done callbacks, the exceptions the bodies
 * caught, which tasks something retrieved, and the loop's reports. It never calls
 * {@code result()} or {@code exception()} on a task itself, since that would retrieve the
 * exception whose report is under test.
 */
final class ScheduleRun {
  /** The exception task {@code id} raises: one instance per task, so identity says whose it is. */
  static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int id;

    Boom(int id) {
      super("boom from T" + id, null, false, false);
      this.id = id;
    }
  }

  /** A done callback that counts its runs. */
  static final class Tracked implements Consumer<Future<Object>> {
    final int target;
    int runs;
    private final ScheduleRun run;

    Tracked(ScheduleRun run, int target) {
      this.run = run;
      this.target = target;
    }

    @Override
    public void accept(Future<Object> f) {
      run.checkOpen("done callback of T" + target);
      runs++;
      if (!f.done()) run.violation("done callback of T" + target + " ran before it was done");
    }
  }

  final ScheduleProgram program;
  final int n;
  final Boom[] booms;
  final boolean[] started;
  final int[] finallies;
  final String[] outcome;
  /* Something called result(), exception(), cancel() on it when done, or awaits it for good. */
  final boolean[] retrieved;
  final List<Tracked> callbacks = new ArrayList<>();
  final Set<Throwable> observed = Collections.newSetFromMap(new IdentityHashMap<>());
  final List<String> violations = new ArrayList<>();
  final List<Map<String, Object>> reports = new CopyOnWriteArrayList<>();
  final List<String> afterCloseCalls = new ArrayList<>();
  /* Whether each task was done when the loop closed, and its description without retrieving it. */
  final boolean[] doneAtClose;
  final boolean[] cancelledAtClose;
  final String[] described;
  /* The result of each task whose body returned. */
  final Object[] resultAtClose;
  private final EventLoop loop = new EventLoop(new ManualClock());
  private Task<?>[] tasks;
  private boolean closed;

  ScheduleRun(ScheduleProgram program) {
    this.program = program;
    this.n = program.tasks().size();
    booms = new Boom[n];
    for (int i = 0; i < n; i++) booms[i] = new Boom(i);
    started = new boolean[n];
    finallies = new int[n];
    outcome = new String[n];
    retrieved = new boolean[n];
    doneAtClose = new boolean[n];
    cancelledAtClose = new boolean[n];
    described = new String[n];
    resultAtClose = new Object[n];
    loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
  }

  /**
   * Creates the tasks, runs the loop until a sentinel timer far beyond every sleep fires (by then
   * nothing was ready and nothing else was scheduled, so every callback has run), then closes it
   * and forgets the tasks so that the collector can find unretrieved exceptions.
   */
  void execute() {
    tasks = new Task<?>[n];
    for (int i = 0; i < n; i++) {
      int self = i;
      tasks[i] = loop.createTask(Asyncio.async(() -> body(self)), "T" + i);
    }
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < program.tasks().get(i).callbacks(); c++) addTracked(i);
    }
    Future<Void> end = loop.createFuture();
    loop.callLater(1e6, () -> end.setResult(null));
    loop.runUntilComplete(end);
    for (int i = 0; i < n; i++) {
      doneAtClose[i] = tasks[i].done();
      cancelledAtClose[i] = tasks[i].cancelled();
      described[i] = tasks[i].toString();
      if ("returned".equals(outcome[i]) && doneAtClose[i] && !cancelledAtClose[i]) {
        try {
          resultAtClose[i] = tasks[i].result(); // no exception to retrieve if the body returned
        } catch (RuntimeException e) {
          resultAtClose[i] = e;
        }
      }
    }
    closed = true;
    loop.close();
    try {
      loop.callSoon(() -> afterCloseCalls.add("callSoon ran"));
      afterCloseCalls.add("callSoon accepted after close");
    } catch (IllegalStateException expected) {
      // "Event loop is closed"
    }
    tasks = null;
  }

  /** True once the loop is closed; for reports made after the tasks were collected. */
  boolean closed() {
    return closed;
  }

  private Object body(int self) throws Suspend {
    checkOpen("body of T" + self);
    started[self] = true;
    TaskScript script = program.tasks().get(self);
    try {
      for (Op op : script.ops()) step(self, op);
      if (script.raises()) {
        outcome[self] = "raised";
        throw booms[self];
      }
      outcome[self] = "returned";
      return self;
    } catch (CancelledError e) {
      outcome[self] = "cancelled";
      throw e;
    } finally {
      checkOpen("finally of T" + self);
      finallies[self]++;
    }
  }

  private void step(int self, Op op) throws Suspend {
    checkOpen("T" + self + " " + op);
    int a = program.later(self, op.x());
    int b = program.later(self, op.y());
    switch (op.kind()) {
      case SLEEP:
        Asyncio.await(Asyncio.sleep(ScheduleProgram.DELAYS[op.x() % 4]));
        return;
      case AWAIT:
        if (a < 0) return;
        retrieved[a] = true;
        awaitCatching(self, () -> checkValue(a, Asyncio.await(tasks[a])), a);
        return;
      case GATHER:
      case GATHER_RETURN_EXCEPTIONS:
        if (a < 0) return;
        retrieved[a] = retrieved[b] = true;
        boolean returnExceptions = op.kind() == ScheduleProgram.Kind.GATHER_RETURN_EXCEPTIONS;
        awaitCatching(self, () -> {
          List<Object> results = Asyncio.await(Asyncio.gather(returnExceptions, tasks[a], tasks[b]));
          checkGathered(a, results.get(0), returnExceptions);
          checkGathered(b, results.get(1), returnExceptions);
        }, a, b);
        return;
      case WAIT:
        if (a < 0) return;
        Double timeout = op.y() >= 4 ? null : ScheduleProgram.TIMEOUTS[op.y()];
        List<Future<Object>> both = a == b ? List.of(task(a)) : List.of(task(a), task(b));
        WaitResult<Object> r = Asyncio.await(Asyncio.wait(both, timeout, ReturnWhen.ALL_COMPLETED));
        for (Future<Object> f : r.done()) if (!f.done()) violation("wait() put a pending future in done: " + f);
        for (Future<Object> f : r.pending()) if (f.done()) violation("wait() put a done future in pending: " + f);
        if (r.done().size() + r.pending().size() != both.size()) violation("wait() lost a future: " + r);
        if (timeout == null && !r.pending().isEmpty()) violation("wait() without timeout returned pending " + r);
        return;
      case WAIT_FOR:
        if (a < 0) return;
        retrieved[a] = true;
        awaitCatching(self, () -> checkValue(a, Asyncio.await(Asyncio.waitFor(tasks[a], ScheduleProgram.TIMEOUTS[op.y() % 4]))), a);
        return;
      case TIMEOUT:
        if (a < 0) return;
        retrieved[a] = true;
        awaitCatching(self, () -> checkValue(a, Asyncio.await(
            Asyncio.timeout(ScheduleProgram.TIMEOUTS[op.y() % 4], () -> Asyncio.await(tasks[a])))), a);
        return;
      case TASK_GROUP:
        taskGroup(self, op);
        return;
      case SHIELD: {
        if (a < 0) return;
        Future<Object> outer = Asyncio.shield(task(a));
        if (outer == tasks[a]) {
          retrieved[a] = true; // done already: awaited as is
        } else {
          // Runs right after the shield's own callback on the outer. The shield retrieves the
          // target's outcome unless the outer was cancelled while the target was still pending;
          // then a later failure stays unretrieved, to be reported (SEMANTICS AF30).
          outer.addDoneCallback(o -> {
            if (!o.cancelled() || task(a).done()) retrieved[a] = true;
          });
        }
        awaitCatching(self, () -> checkValue(a, Asyncio.await(outer)), a);
        return;
      }
      case CANCEL:
        int victim = program.other(self, op.x());
        if (victim < 0) return;
        if (tasks[victim].done()) retrieved[victim] = true; // cancel() of a done future marks it retrieved
        tasks[victim].cancel();
        return;
      default: // ADD_DONE_CALLBACK
        int target = program.other(self, op.x());
        if (target >= 0) addTracked(target);
    }
  }

  /**
   * A TaskGroup of two children that sleep and may raise exceptions of their own: the group must
   * retrieve them all (none may be reported) and raise them together, and only them.
   */
  private void taskGroup(int self, Op op) throws Suspend {
    List<Boom> raised = new ArrayList<>();
    try {
      Asyncio.await(TaskGroup.run(tg -> {
        tg.createTask(groupChild(op.x(), raised));
        tg.createTask(groupChild(op.y(), raised));
        return null;
      }));
      if (!raised.isEmpty()) violation("T" + self + "'s TaskGroup returned although " + raised + " were raised");
    } catch (ExceptionGroup g) {
      observed.addAll(g.exceptions());
      if (g.exceptions().isEmpty()) violation("T" + self + "'s TaskGroup raised an empty group");
      for (Throwable t : g.exceptions()) {
        if (!raised.contains(t)) violation("T" + self + "'s TaskGroup raised " + t + " that no child raised");
      }
    } catch (CancelledError e) {
      if (Asyncio.currentTask().cancelling() == 0) violation("T" + self + "'s TaskGroup raised CancelledError unasked");
      throw e;
    }
  }

  private Coroutine<Object> groupChild(int raw, List<Boom> raised) {
    return Asyncio.async(() -> {
      Asyncio.await(Asyncio.sleep(ScheduleProgram.DELAYS[raw % 4]));
      if (raw < 4) return null;
      Boom b = new Boom(1000 + raw);
      raised.add(b);
      throw b;
    });
  }

  interface Awaiting {
    void run() throws Suspend;
  }

  /**
   * Awaits, taking the failures a script expects: a target's own {@link Boom}, a timeout, and a
   * {@link CancelledError} that came from a cancelled target. A cancellation of this task itself
   * propagates, as well-behaved Python code does.
   */
  private void awaitCatching(int self, Awaiting awaiting, int... targets) throws Suspend {
    try {
      awaiting.run();
    } catch (Boom b) {
      observed.add(b);
      if (!isOneOf(b, targets)) violation("T" + self + " caught " + b.getMessage() + " awaiting " + java.util.Arrays.toString(targets));
    } catch (TimeoutError e) {
      // waitFor gave up: its target was cancelled and waited for
    } catch (CancelledError e) {
      if (Asyncio.currentTask().cancelling() > 0) throw e;
    } catch (RuntimeException | Error e) {
      violation("T" + self + " caught unexpected " + e);
      throw e;
    }
  }

  private boolean isOneOf(Boom b, int... targets) {
    for (int t : targets) if (b == booms[t]) return true;
    return false;
  }

  private void checkValue(int target, Object value) {
    if (!Integer.valueOf(target).equals(value)) violation("awaiting T" + target + " gave " + value);
  }

  private void checkGathered(int target, Object entry, boolean returnExceptions) {
    if (returnExceptions && entry instanceof Throwable) {
      if (entry instanceof Boom) {
        observed.add((Boom) entry);
        if (entry != booms[target]) violation("gather put " + entry + " in the place of T" + target);
      } else if (!(entry instanceof CancelledError)) {
        violation("gather gave " + entry + " for T" + target);
      }
    } else {
      checkValue(target, entry);
    }
  }

  private void addTracked(int target) {
    Tracked t = new Tracked(this, target);
    callbacks.add(t);
    task(target).addDoneCallback(t);
  }

  @SuppressWarnings("unchecked")
  private Future<Object> task(int i) {
    return (Future<Object>) tasks[i];
  }

  void checkOpen(String what) {
    if (closed) violation(what + " ran after the loop closed");
  }

  void violation(String message) {
    violations.add(message);
  }
}

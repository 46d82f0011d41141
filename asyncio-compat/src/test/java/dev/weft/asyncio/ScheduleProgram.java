package dev.weft.asyncio;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A random schedule for {@link LoopScheduleProperties}: a few tasks, each running a short script of
 * awaits on the loop, then returning or raising. Targets are raw numbers resolved when the script
 * runs ({@link #later}, {@link #other}), so that shrinking a program never produces a dangling
 * reference and awaits only point at later tasks: the wait graph has no cycle, every task ends.
 */
record ScheduleProgram(List<TaskScript> tasks) {
  static final double[] DELAYS = {0, 0.5, 1, 2.5};
  static final double[] TIMEOUTS = {0, 0.5, 1.5, 3};

  enum Kind {
    SLEEP, AWAIT, GATHER, GATHER_RETURN_EXCEPTIONS, WAIT, WAIT_FOR, TIMEOUT, SHIELD, TASK_GROUP, CANCEL, ADD_DONE_CALLBACK
  }

  /** One step of a script; {@code x} and {@code y} are targets or indexes into the tables above. */
  record Op(Kind kind, int x, int y) {
    @Override
    public String toString() {
      return kind + "(" + x + "," + y + ")";
    }
  }

  /** A task's script, whether it raises at the end, and how many done callbacks it gets at creation. */
  record TaskScript(List<Op> ops, boolean raises, int callbacks) {}

  static Arbitrary<ScheduleProgram> programs() {
    Arbitrary<Op> op = Combinators.combine(
        Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 7))
        .as(Op::new);
    Arbitrary<TaskScript> script = Combinators.combine(
        op.list().ofMaxSize(5), Arbitraries.of(false, true), Arbitraries.integers().between(0, 2))
        .as(TaskScript::new);
    return script.list().ofMinSize(1).ofMaxSize(5).map(ScheduleProgram::new);
  }

  /** The task after {@code self} that {@code raw} names, or -1 when {@code self} is the last one. */
  int later(int self, int raw) {
    int after = tasks.size() - self - 1;
    return after == 0 ? -1 : self + 1 + raw % after;
  }

  /** A task other than {@code self}, or -1 when there is none. */
  int other(int self, int raw) {
    if (tasks.size() == 1) return -1;
    int k = raw % (tasks.size() - 1);
    return k < self ? k : k + 1;
  }
}

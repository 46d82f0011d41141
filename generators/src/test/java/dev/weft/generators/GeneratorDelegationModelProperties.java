package dev.weft.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.generators.GeneratorModelProperties.Fatal;
import dev.weft.generators.GeneratorModelProperties.Handled;
import dev.weft.generators.GeneratorModelProperties.Op;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue #9: the model test of {@link GeneratorModelProperties}, through a chain of nested
 * {@code yieldFrom}s (PEP 380). Random next/send/throwInto/close programs on the outermost
 * generator agree, step by step, with a model of what Python does with the same bodies: the value
 * or exception out, the state, and the order in which the {@code finally} blocks ran.
 *
 * <pre>
 * def level0():                      # the leaf, as in GeneratorModelProperties
 *   i = 0
 *   try:
 *     while True:
 *       try: x = yield i
 *       except Handled: x = yield -1
 *       if x == "stop": return "stopped at %d" % i
 *       i += 1
 *   finally: log("finally 0")
 *
 * def level(k):                      # k >= 1: delegates to a fresh level(k - 1) each round
 *   try:
 *     while True:
 *       try: r = yield from level(k - 1)
 *       except Fatal: r = "fatal"
 *       x = yield "L%d got %s" % (k, r)
 *       if x == "stop": return "L%d stopped" % k
 *   finally: log("finally %d" % k)
 * </pre>
 *
 * So a send reaches the innermost live frame, a throw is thrown in there and may come out of the
 * leaf into a delegator that handles it (Fatal) or not (Handled), a return value becomes the
 * result of {@code yieldFrom}, and close finishes every live frame innermost first.
 */
class GeneratorDelegationModelProperties {

  @Provide
  Arbitrary<List<Op>> programs() {
    return Arbitraries.of(Op.class).list().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 500)
  void nestedYieldFrom_agreesWithModel(@ForAll("programs") List<Op> program, @ForAll @IntRange(min = 1, max = 3) int depth) {
    List<String> log = new ArrayList<>();
    Generator<Object, String, String> g = level(depth - 1, log);
    DelegationModel model = new DelegationModel(depth);
    for (Op op : program) {
      String where = " after " + op + " in " + program + " at depth " + depth;
      assertEquals(model.apply(op), real(g, op), "outcome" + where);
      assertEquals(model.state, g.state(), "state" + where);
      assertEquals(model.log, log, "finally blocks" + where);
    }
  }

  static Generator<Object, String, String> level(int k, List<String> log) {
    if (k == 0) {
      return Generator.create(y -> {
        int i = 0;
        try {
          while (true) {
            String x;
            try {
              x = y.yield(i);
            } catch (Handled h) {
              x = y.yield(-1);
            }
            if ("stop".equals(x)) return "stopped at " + i;
            i++;
          }
        } finally {
          log.add("finally 0");
        }
      });
    }
    return Generator.create(y -> {
      try {
        while (true) {
          String r;
          try {
            r = y.yieldFrom(level(k - 1, log));
          } catch (Fatal f) {
            r = "fatal";
          }
          String x = y.yield("L" + k + " got " + r);
          if ("stop".equals(x)) return "L" + k + " stopped";
        }
      } finally {
        log.add("finally " + k);
      }
    });
  }

  static String real(Generator<Object, String, String> g, Op op) {
    return GeneratorModelProperties.real(cast(g), op);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Generator<Integer, String, String> cast(Generator<Object, String, String> g) {
    return (Generator) g; // real() only prints what comes out
  }

  /**
   * Python's behaviour for the chain, as a stack of live frames: levels {@code depth-1} down to
   * {@code top} are running, each delegating to the one below, and level {@code top} is suspended
   * at its own yield.
   */
  static final class DelegationModel {
    final int depth;
    final List<String> log = new ArrayList<>();
    Generator.State state = Generator.State.CREATED;
    int top;
    int leafI;
    boolean leafAtMarker;

    DelegationModel(int depth) {
      this.depth = depth;
    }

    String apply(Op op) {
      if (state == Generator.State.CREATED) {
        if (GeneratorModelProperties.starts(op)) {
          state = Generator.State.SUSPENDED;
          return startFreshChain();
        }
        String answer = GeneratorModelProperties.unstarted(op);
        if (GeneratorModelProperties.closes(answer)) state = Generator.State.CLOSED;
        return answer;
      }
      if (state == Generator.State.CLOSED) return GeneratorModelProperties.finished(op);
      switch (op) {
        case NEXT: case SEND_NULL: return send(null);
        case SEND_X: return send("x");
        case SEND_STOP: return send("stop");
        case THROW_HANDLED: return throwIn("Handled");
        case THROW_FATAL: return throwIn("Fatal");
        default:
          for (int k = top; k < depth; k++) log.add("finally " + k); // GeneratorExit, innermost first
          state = Generator.State.CLOSED;
          return "closed";
      }
    }

    /** Fresh frames from below the running delegator (or the top) down to a new leaf, which yields 0. */
    private String startFreshChain() {
      top = 0;
      leafI = 0;
      leafAtMarker = false;
      return "value 0";
    }

    private String send(String x) {
      if (top == 0) {
        if ("stop".equals(x)) return returned(0, "stopped at " + leafI);
        leafAtMarker = false;
        leafI++;
        return "value " + leafI;
      }
      if ("stop".equals(x)) return returned(top, "L" + top + " stopped");
      return startFreshChain(); // next round of the delegator's loop: yield from a new child
    }

    private String throwIn(String exception) {
      if (top == 0 && exception.equals("Handled") && !leafAtMarker) {
        leafAtMarker = true;
        return "value -1";
      }
      return raised(top, exception);
    }

    /** Level {@code k} returned {@code value}: its delegator's yieldFrom returns it. */
    private String returned(int k, String value) {
      log.add("finally " + k);
      if (k == depth - 1) return finished("stop " + value);
      top = k + 1;
      return "value L" + top + " got " + value;
    }

    /** Level {@code k} ended with {@code exception}: it comes out of its delegator's yieldFrom. */
    private String raised(int k, String exception) {
      for (; k < depth - 1; k++) {
        log.add("finally " + k);
        if (exception.equals("Fatal")) {
          top = k + 1;
          return "value L" + top + " got fatal";
        }
      }
      log.add("finally " + k);
      return finished(exception);
    }

    private String finished(String outcome) {
      state = Generator.State.CLOSED;
      return outcome;
    }
  }
}

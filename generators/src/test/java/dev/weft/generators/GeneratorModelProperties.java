package dev.weft.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue #9: random sequences of next/send/throwInto/close on a generator agree, step by step, with
 * a plain-Java model of what Python does with the same body:
 *
 * <pre>
 * def body():
 *   i = 0
 *   try:
 *     while True:
 *       try:
 *         x = yield i
 *       except Handled:
 *         x = yield -1
 *       if x == "stop": return "stopped at %d" % i
 *       i += 1
 *   finally:
 *     log("finally")
 * </pre>
 */
class GeneratorModelProperties {
  static final class Handled extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  static final class Fatal extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  enum Op { NEXT, SEND_NULL, SEND_X, SEND_STOP, THROW_HANDLED, THROW_FATAL, CLOSE }

  @Provide
  Arbitrary<List<Op>> programs() {
    return Arbitraries.of(Op.class).list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 500)
  void generatorAgreesWithModel(@ForAll("programs") List<Op> program) {
    List<String> log = new ArrayList<>();
    Generator<Integer, String, String> g = Generator.create(y -> {
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
        log.add("finally");
      }
    });
    Model model = new Model();
    for (Op op : program) {
      assertEquals(model.apply(op), real(g, op), "after " + op + " in " + program);
      assertEquals(model.state, g.state(), "state after " + op + " in " + program);
    }
    assertEquals(model.finallies, log.size(), "finally blocks run for " + program);
  }

  static String real(Generator<Integer, String, String> g, Op op) {
    try {
      switch (op) {
        case NEXT: return "value " + g.next();
        case SEND_NULL: return "value " + g.send(null);
        case SEND_X: return "value " + g.send("x");
        case SEND_STOP: return "value " + g.send("stop");
        case THROW_HANDLED: return "value " + g.throwInto(new Handled());
        case THROW_FATAL: return "value " + g.throwInto(new Fatal());
        default:
          g.close();
          return "closed";
      }
    } catch (StopIteration e) {
      return "stop " + e.value();
    } catch (NoSuchElementException e) {
      return "exhausted";
    } catch (RuntimeException | Error e) {
      return e.getClass().getSimpleName();
    }
  }

  /** Whether {@code op} starts an unstarted generator ({@code next}, {@code send(None)}). */
  static boolean starts(Op op) {
    return op == Op.NEXT || op == Op.SEND_NULL;
  }

  /** Python's answer to {@code op} on an unstarted generator, when it does not start it. */
  static String unstarted(Op op) {
    switch (op) {
      case SEND_X: case SEND_STOP: return "IllegalArgumentException";
      case THROW_HANDLED: return "Handled";
      case THROW_FATAL: return "Fatal";
      default: return "closed";
    }
  }

  /** Whether that answer closed the generator (all but a refused send do). */
  static boolean closes(String unstartedAnswer) {
    return !unstartedAnswer.equals("IllegalArgumentException");
  }

  /** Python's answer to {@code op} on a finished generator. */
  static String finished(Op op) {
    switch (op) {
      case NEXT: return "exhausted";
      case SEND_NULL: case SEND_X: case SEND_STOP: return "stop null";
      case THROW_HANDLED: return "Handled";
      case THROW_FATAL: return "Fatal";
      default: return "closed";
    }
  }

  /** What Python does, written as a state machine. */
  static final class Model {
    Generator.State state = Generator.State.CREATED;
    int i;
    boolean atMarker;
    int finallies;

    String apply(Op op) {
      if (state == Generator.State.CREATED) {
        if (starts(op)) {
          state = Generator.State.SUSPENDED;
          return "value 0";
        }
        String answer = unstarted(op);
        if (closes(answer)) state = Generator.State.CLOSED;
        return answer;
      }
      if (state == Generator.State.CLOSED) return finished(op);
      switch (op) {
        case NEXT: case SEND_NULL: case SEND_X: return advance();
        case SEND_STOP: return die("stop stopped at " + i);
        case THROW_HANDLED:
          if (atMarker) return die("Handled");
          atMarker = true;
          return "value -1";
        case THROW_FATAL: return die("Fatal");
        default: return die("closed");
      }
    }

    private String advance() {
      atMarker = false;
      i++;
      return "value " + i;
    }

    private String die(String outcome) {
      state = Generator.State.CLOSED;
      finallies++;
      return outcome;
    }
  }
}

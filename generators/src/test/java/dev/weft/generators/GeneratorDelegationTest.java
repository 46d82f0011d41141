package dev.weft.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Suspend;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PEP 380: yieldFrom, and yieldAll. */
class GeneratorDelegationTest {
  final List<String> log = new ArrayList<>();

  static Generator<Integer, Object, Void> classic() {
    return Generator.of(y -> {
      y.yield(1);
      y.yieldFrom(Generator.of(inner -> {
        inner.yield(3);
        inner.yield(4);
      }));
      y.yield(2);
    });
  }

  // SEMANTICS G24
  @Test
  void yieldFrom_valuesReachCaller_classicOrder() {
    List<Integer> out = new ArrayList<>();
    classic().forEachRemaining(out::add);
    assertEquals(List.of(1, 3, 4, 2), out);
  }

  Generator<String, String, String> recorder(String name) {
    return Generator.create(y -> {
      String in = y.yield(name + ":ready");
      while (in != null && !in.equals("end")) {
        log.add(name + " got " + in);
        in = y.yield(name + ":" + in);
      }
      return name + " returned";
    });
  }

  // SEMANTICS G24: sends go to the sub; yieldFrom returns the sub's return value
  @Test
  void yieldFrom_sendsForwarded_returnValueComesBack() {
    Generator<String, String, String> outer = Generator.create(y -> {
      String r = y.yieldFrom(recorder("sub"));
      log.add("outer got " + r);
      return "outer done";
    });
    assertEquals("sub:ready", outer.send(null));
    assertEquals("sub:x", outer.send("x"));
    StopIteration stop = assertThrows(StopIteration.class, () -> outer.send("end"));
    assertEquals("outer done", stop.value());
    assertEquals(List.of("sub got x", "outer got sub returned"), log);
  }

  // SEMANTICS G25
  @Test
  void throwInto_duringYieldFrom_goesToSub() {
    RuntimeException t = new RuntimeException("t");
    Generator<String, Object, String> sub = Generator.create(y -> {
      try {
        y.yield("s1");
      } catch (RuntimeException e) {
        assertSame(t, e);
        y.yield("sub handled");
        return "sub result";
      }
      return "x";
    });
    Generator<String, Object, Void> outer = Generator.of(y -> {
      Object r = y.yieldFrom(sub);
      y.yield("outer resumed with " + r);
    });
    assertEquals("s1", outer.next());
    assertEquals("sub handled", outer.throwInto(t));
    assertEquals("outer resumed with sub result", outer.next());
  }

  // SEMANTICS G25, G28: an exception escaping the sub is raised at the outer yieldFrom
  @Test
  void subThrows_caughtAroundYieldFrom_subClosed() {
    IllegalStateException boom = new IllegalStateException("boom");
    Generator<String, Object, Void> sub = Generator.of(y -> {
      y.yield("s1");
      throw boom;
    });
    Generator<String, Object, Void> outer = Generator.of(y -> {
      try {
        y.yieldFrom(sub);
      } catch (IllegalStateException e) {
        assertSame(boom, e);
        y.yield("caught");
      }
    });
    assertEquals("s1", outer.next());
    assertEquals("caught", outer.next());
    assertEquals(Generator.State.CLOSED, sub.state());
  }

  // SEMANTICS G26
  @Test
  void close_duringYieldFrom_closesSubFirst() {
    Generator<String, Object, Void> sub = Generator.of(y -> {
      try {
        y.yield("s1");
      } finally {
        log.add("sub finally");
      }
    });
    Generator<String, Object, Void> outer = Generator.of(y -> {
      try {
        y.yieldFrom(sub);
      } catch (GeneratorExit e) {
        log.add("outer got GeneratorExit");
        throw e;
      } finally {
        log.add("outer finally");
      }
    });
    outer.next();
    outer.close();
    assertEquals(List.of("sub finally", "outer got GeneratorExit", "outer finally"), log);
    assertEquals(Generator.State.CLOSED, sub.state());
    assertEquals(Generator.State.CLOSED, outer.state());
  }

  // SEMANTICS G26: a failing sub.close() raises its exception at the outer yieldFrom instead
  @Test
  void close_subCloseFails_thatExceptionRaisedInOuter() {
    IllegalArgumentException fail = new IllegalArgumentException("sub close failed");
    Generator<String, Object, Void> sub = Generator.of(y -> {
      try {
        y.yield("s1");
      } catch (GeneratorExit e) {
        throw fail;
      }
    });
    AtomicReference<Throwable> seenByOuter = new AtomicReference<>();
    Generator<String, Object, Void> outer = Generator.of(y -> {
      try {
        y.yieldFrom(sub);
      } catch (IllegalArgumentException e) {
        seenByOuter.set(e);
        throw e;
      }
    });
    outer.next();
    assertSame(fail, assertThrows(IllegalArgumentException.class, outer::close));
    assertSame(fail, seenByOuter.get());
  }

  /** Re-enters each of {@code gens} from inside a body and logs how it was refused; logs everything's state. */
  static void reenter(List<String> log, String where, List<? extends Generator<?, ?, ?>> gens) {
    for (Generator<?, ?, ?> g : gens) {
      try {
        log.add(where + ": next() returned " + g.next());
      } catch (IllegalStateException e) {
        log.add(where + ": " + e.getClass().getSimpleName() + " " + e.getMessage().replaceFirst(" \\(.*", ""));
      }
    }
    StringBuilder states = new StringBuilder(where).append(" states");
    for (Generator<?, ?, ?> g : gens) states.append(g == gens.get(0) ? " " : "/").append(g.state());
    log.add(states.toString());
  }

  /*
   * Issue #13 item 2, SEMANTICS G9, G26. CPython (3.10 to 3.13) closes the delegate with the outer
   * marked executing, so the outer cannot be resumed from the delegate's finally:
   *
   *   def reenter(where, gens):              # as reenter() below; ValueError for IllegalStateException
   *     for g in gens:
   *       try: log(f"{where}: next() returned {next(g)!r}")
   *       except ValueError as e: log(f"{where}: ValueError {e}")
   *     log(where + " states " + "/".join(getgeneratorstate(g)[4:] for g in gens))
   *   def sub():
   *     try: yield "s1"
   *     finally: reenter("sub finally", (o, s))
   *   def outer():
   *     try:
   *       yield from s
   *       log("outer resumed")
   *     except GeneratorExit: log("outer got GeneratorExit"); raise
   *     finally: log("outer finally")
   *   s = sub(); o = outer(); next(o); o.close()   # returns None
   *
   * CPython 3.11.7 and 3.12.1 log: "sub finally: ValueError generator already executing" (twice),
   * "sub finally states RUNNING/RUNNING", "outer got GeneratorExit", "outer finally"; then both are
   * CLOSED and next(o) raises StopIteration. With o.throw(ex := GeneratorExit()) instead of close(),
   * the log and the states are the same and the throw raises ex itself.
   */
  Generator<String, Object, Void> reenteringSub(AtomicReference<Generator<String, Object, Void>> outer,
      AtomicReference<Generator<String, Object, Void>> sub) {
    sub.set(Generator.of(y -> {
      try {
        y.yield("s1");
      } finally {
        reenter(log, "sub finally", List.of(outer.get(), sub.get()));
      }
    }));
    outer.set(Generator.of(y -> {
      try {
        y.yieldFrom(sub.get());
        log.add("outer resumed");
      } catch (GeneratorExit e) {
        log.add("outer got GeneratorExit");
        throw e;
      } finally {
        log.add("outer finally");
      }
    }));
    return outer.get();
  }

  static final List<String> REENTERED_WHILE_CLOSING = List.of(
      "sub finally: IllegalStateException generator already executing",
      "sub finally: IllegalStateException generator already executing",
      "sub finally states RUNNING/RUNNING",
      "outer got GeneratorExit",
      "outer finally");

  // Issue #13 item 2
  @Test
  void close_subFinallyResumesOuter_alreadyExecutingThere_closeReturns_bothClosed() {
    AtomicReference<Generator<String, Object, Void>> outer = new AtomicReference<>(), sub = new AtomicReference<>();
    assertEquals("s1", reenteringSub(outer, sub).next());
    outer.get().close();
    assertEquals(REENTERED_WHILE_CLOSING, log);
    assertEquals(Generator.State.CLOSED, outer.get().state());
    assertEquals(Generator.State.CLOSED, sub.get().state());
    assertThrows(NoSuchElementException.class, outer.get()::next);
  }

  // Issue #13 item 2: throw(GeneratorExit()) closes the delegate the same way, then raises at the yield from
  @Test
  void throwIntoGeneratorExit_subFinallyResumesOuter_alreadyExecutingThere_exitPropagates_bothClosed() {
    AtomicReference<Generator<String, Object, Void>> outer = new AtomicReference<>(), sub = new AtomicReference<>();
    assertEquals("s1", reenteringSub(outer, sub).next());
    GeneratorExit exit = new GeneratorExit();
    assertSame(exit, assertThrows(GeneratorExit.class, () -> outer.get().throwInto(exit)));
    assertEquals(REENTERED_WHILE_CLOSING, log);
    assertEquals(Generator.State.CLOSED, outer.get().state());
    assertEquals(Generator.State.CLOSED, sub.get().state());
  }

  /*
   * Issue #13 item 2, SEMANTICS G9: every operation on the outer is refused while it closes its delegate.
   *
   *   def sub():
   *     try: yield "s1"
   *     finally:
   *       for name, op in (("next", lambda: next(o)), ("send", lambda: o.send(None)),
   *                        ("throw", lambda: o.throw(Boom())), ("close", lambda: o.close())):
   *         try: op(); log(name + " returned")
   *         except ValueError as e: log(f"{name}: {e}")
   *   def outer(): yield from s
   *   s = sub(); o = outer(); next(o); o.close()   # returns None
   *
   * CPython 3.11.7 and 3.12.1 log "next: generator already executing", then the same for send, throw
   * and close.
   */
  @Test
  void close_subFinallyCallsEachOperationOnOuter_eachRefusedAsAlreadyExecuting() {
    AtomicReference<Generator<String, Object, Void>> outer = new AtomicReference<>();
    Generator<String, Object, Void> sub = Generator.of(y -> {
      try {
        y.yield("s1");
      } finally {
        Generator<String, Object, Void> o = outer.get();
        List<Map.Entry<String, Runnable>> ops = List.of(Map.entry("next", o::next), Map.entry("send", () -> o.send(null)),
            Map.entry("throw", () -> o.throwInto(new RuntimeException())), Map.entry("close", o::close));
        for (var op : ops) {
          try {
            op.getValue().run();
            log.add(op.getKey() + " returned");
          } catch (IllegalStateException e) {
            log.add(op.getKey() + ": " + e.getMessage().replaceFirst(" \\(.*", ""));
          }
        }
      }
    });
    outer.set(Generator.of(y -> y.yieldFrom(sub)));
    assertEquals("s1", outer.get().next());
    outer.get().close();
    assertEquals(List.of("next: generator already executing", "send: generator already executing",
        "throw: generator already executing", "close: generator already executing"), log);
    assertEquals(Generator.State.CLOSED, outer.get().state());
  }

  /*
   * Issue #13 item 2: the SUSPENDED/CLOSED ending, which CPython gives when the outer catches
   * GeneratorExit and yields again:
   *
   *   def outer():
   *     try: yield from s
   *     except GeneratorExit: log("outer caught GeneratorExit")
   *     yield "again"
   *
   * with sub's finally calling reenter("sub finally", (o,)). CPython 3.11.7 and 3.12.1: o.close() raises
   * RuntimeError("generator ignored GeneratorExit") and o.throw(GeneratorExit()) returns "again"; either
   * way the log is the list asserted below and the states end SUSPENDED/CLOSED.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void closeOrThrowExit_outerYieldsAgain_subFinallySawRunning_endsSuspendedClosed(boolean viaThrow) {
    AtomicReference<Generator<String, Object, Void>> outer = new AtomicReference<>(), sub = new AtomicReference<>();
    sub.set(Generator.of(y -> {
      try {
        y.yield("s1");
      } finally {
        reenter(log, "sub finally", List.of(outer.get()));
      }
    }));
    outer.set(Generator.of(y -> {
      try {
        y.yieldFrom(sub.get());
      } catch (GeneratorExit e) {
        log.add("outer caught GeneratorExit");
      }
      y.yield("again");
    }));
    assertEquals("s1", outer.get().next());
    if (viaThrow) {
      assertEquals("again", outer.get().throwInto(new GeneratorExit()));
    } else {
      assertEquals("generator ignored GeneratorExit", assertThrows(IllegalStateException.class, outer.get()::close).getMessage());
    }
    assertEquals(List.of("sub finally: IllegalStateException generator already executing", "sub finally states RUNNING",
        "outer caught GeneratorExit"), log);
    assertEquals(Generator.State.SUSPENDED, outer.get().state());
    assertEquals(Generator.State.CLOSED, sub.get().state());
  }

  /*
   * Issue #13 item 2, three levels: every generator above the one whose finally runs is executing.
   *
   *   def leaf():
   *     try: yield "v"
   *     finally: reenter("leaf finally", (top, mid, lf))
   *   def middle():
   *     try: yield from lf
   *     finally: reenter("middle finally", (top, mid)); log("leaf is " + getgeneratorstate(lf)[4:])
   *   def topf():
   *     try: yield from mid
   *     finally: log("top finally states " + "/".join(getgeneratorstate(g)[4:] for g in (top, mid, lf)))
   *   lf = leaf(); mid = middle(); top = topf(); next(top); top.close()   # returns None
   *
   * CPython 3.11.7 and 3.12.1 log exactly the list asserted below, then all three are CLOSED.
   */
  @Test
  void close_threeLevels_eachFinallyResumingAncestors_alreadyExecuting_allClosed() {
    AtomicReference<Generator<String, Object, Void>> top = new AtomicReference<>(), mid = new AtomicReference<>(),
        leaf = new AtomicReference<>();
    leaf.set(Generator.of(y -> {
      try {
        y.yield("v");
      } finally {
        reenter(log, "leaf finally", List.of(top.get(), mid.get(), leaf.get()));
      }
    }));
    mid.set(Generator.of(y -> {
      try {
        y.yieldFrom(leaf.get());
      } finally {
        reenter(log, "middle finally", List.of(top.get(), mid.get()));
        log.add("leaf is " + leaf.get().state());
      }
    }));
    top.set(Generator.of(y -> {
      try {
        y.yieldFrom(mid.get());
      } finally {
        log.add("top finally states " + top.get().state() + "/" + mid.get().state() + "/" + leaf.get().state());
      }
    }));
    assertEquals("v", top.get().next());
    top.get().close();
    String refused = "IllegalStateException generator already executing";
    assertEquals(List.of("leaf finally: " + refused, "leaf finally: " + refused, "leaf finally: " + refused,
        "leaf finally states RUNNING/RUNNING/RUNNING",
        "middle finally: " + refused, "middle finally: " + refused, "middle finally states RUNNING/RUNNING",
        "leaf is CLOSED",
        "top finally states RUNNING/CLOSED/CLOSED"), log);
    for (var g : List.of(top, mid, leaf)) assertEquals(Generator.State.CLOSED, g.get().state());
  }

  // SEMANTICS G27
  @Test
  void yieldFrom_startedSubResumes_closedSubGivesNull_runningSubRefused() {
    Generator<Integer, Object, String> sub = Generator.create(y -> {
      y.yield(1);
      y.yield(2);
      return "r";
    });
    assertEquals(1, sub.next());
    List<Object> out = new ArrayList<>();
    Generator<Integer, Object, Void> outer = Generator.of(y -> {
      out.add(y.yieldFrom(sub));
      out.add(y.yieldFrom(sub)); // closed now: null at once, not "r"
    });
    outer.forEachRemaining(out::add);
    assertEquals(2, out.get(0));
    assertEquals("r", out.get(1));
    assertNull(out.get(2));
    assertEquals(3, out.size());

    AtomicReference<Generator<Integer, Object, Void>> self = new AtomicReference<>();
    self.set(Generator.of(y -> y.yieldFrom(self.get())));
    IllegalStateException e = assertThrows(IllegalStateException.class, self.get()::next);
    assertTrue(e.getMessage().contains("generator already executing"), e.getMessage());
  }

  // SEMANTICS G28
  @Test
  void statesDuringDelegation_runningWhileSubRuns_suspendedBetween() {
    List<String> states = new ArrayList<>();
    AtomicReference<Generator<Integer, Object, Void>> outerRef = new AtomicReference<>();
    AtomicReference<Generator<Integer, Object, Void>> subRef = new AtomicReference<>();
    subRef.set(Generator.of(y -> {
      states.add(outerRef.get().state() + "/" + subRef.get().state());
      y.yield(1);
    }));
    outerRef.set(Generator.of(y -> y.yieldFrom(subRef.get())));
    outerRef.get().next();
    states.add(outerRef.get().state() + "/" + subRef.get().state());
    assertEquals(List.of("RUNNING/RUNNING", "SUSPENDED/SUSPENDED"), states);
  }

  static Generator<Integer, Object, Integer> nested(int depth) {
    return Generator.create(y -> {
      if (depth == 0) {
        y.yield(0);
        y.yield(1);
        return 7;
      }
      long keep = depth;
      int r = y.yieldFrom(nested(depth - 1));
      return (int) (r + keep - depth) + 1;
    });
  }

  // Issue #4: a 100-deep delegation chain delivers values in order and the return value climbs back
  @Test
  void yieldFrom_hundredDeepChain_valuesAndReturnValue() {
    Generator<Integer, Object, Integer> g = nested(100);
    assertEquals(0, g.next());
    assertEquals(1, g.next());
    assertEquals(107, assertThrows(StopIteration.class, () -> g.send(null)).value());
  }

  record Tree(int value, List<Tree> children) {}

  static Tree tree(int depth) {
    return depth == 0 ? new Tree(0, List.of()) : new Tree(depth, List.of(tree(depth - 1)));
  }

  static Generator<Integer, Object, Void> walk(Tree t) {
    return Generator.of(y -> {
      y.yield(t.value());
      for (Tree c : t.children()) y.yieldFrom(walk(c));
    });
  }

  // Issue #4: recursive generators 1,000 levels deep, without StackOverflowError
  @Test
  void recursiveTreeWalk_thousandLevels_noStackOverflow() {
    int count = 0;
    long sum = 0;
    for (int v : walk(tree(1000))) {
      count++;
      sum += v;
    }
    assertEquals(1001, count);
    assertEquals(1000L * 1001 / 2, sum);
  }

  // SEMANTICS G29
  @Test
  void yieldAll_yieldsEach_sendRefused_throwRaisedThere() {
    Generator<Integer, Object, Void> g = Generator.of(y -> y.yieldAll(List.of(1, 2, 3)));
    List<Integer> out = new ArrayList<>();
    g.forEachRemaining(out::add);
    assertEquals(List.of(1, 2, 3), out);

    AtomicReference<Throwable> atYieldAll = new AtomicReference<>();
    Generator<Integer, Object, Void> s = Generator.of(y -> {
      try {
        y.yieldAll(List.of(1, 2));
      } catch (UnsupportedOperationException e) {
        atYieldAll.set(e);
      }
    });
    s.next();
    assertThrows(StopIteration.class, () -> s.send("x"));
    assertTrue(atYieldAll.get().getMessage().contains("send(x) during yieldAll"), atYieldAll.get().getMessage());

    RuntimeException t = new RuntimeException("t");
    Generator<Integer, Object, Void> thrown = Generator.of(y -> y.yieldAll(List.of(1, 2)));
    thrown.next();
    assertSame(t, assertThrows(RuntimeException.class, () -> thrown.throwInto(t)));
  }

  // SEMANTICS G29: close closes an AutoCloseable iterator first
  @Test
  void yieldAll_close_closesIteratorThenGeneratorExit() {
    class ClosingIterator implements Iterator<Integer>, Closeable {
      int next;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Integer next() {
        return next++;
      }

      @Override
      public void close() {
        log.add("iterator closed");
      }
    }
    Generator<Integer, Object, Void> g = Generator.of(y -> {
      try {
        y.yieldAll(ClosingIterator::new);
      } catch (GeneratorExit e) {
        log.add("GeneratorExit at yieldAll");
        throw e;
      }
    });
    g.next();
    g.close();
    assertEquals(List.of("iterator closed", "GeneratorExit at yieldAll"), log);
  }

  // Issue #4: generators inside generators, created and resumed from within other bodies
  @Test
  void generatorBodyIteratesAnother_andCreatesOthers() throws Suspend {
    Generator<String, Object, Void> outer = Generator.of(y -> {
      for (int v : classic()) {
        Generator<String, Object, Void> inner = Generator.of(z -> z.yield("v" + v));
        y.yield(inner.next());
      }
    });
    List<String> out = new ArrayList<>();
    outer.forEachRemaining(out::add);
    assertEquals(List.of("v1", "v3", "v4", "v2"), out);
  }
}

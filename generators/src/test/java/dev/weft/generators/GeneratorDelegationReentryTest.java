package dev.weft.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/**
 * PEP 380 closing while delegating, when the finally blocks it runs re-enter the generators
 * around them (issue 13): each re-entry is refused as CPython refuses it, and every generator of
 * the chain ends closed.
 */
class GeneratorDelegationReentryTest {
  final List<String> log = new ArrayList<>();

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
}

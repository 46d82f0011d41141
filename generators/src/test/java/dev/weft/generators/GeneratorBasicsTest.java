package dev.weft.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Suspend;
import dev.weft.testing.Steps;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GeneratorBasicsTest {
  final Steps steps = new Steps();

  // SEMANTICS G1
  @Test
  void create_runsNothing_stateCreated() {
    Generator<Integer, Object, Void> g = Generator.of(y -> steps.expectUnreached());
    assertEquals(Generator.State.CREATED, g.state());
  }

  // SEMANTICS G2
  @Test
  void next_runsToNextYield_statesFollow() {
    Generator<Integer, Object, Void>[] self = new Generator[1];
    self[0] = Generator.of(y -> {
      steps.expect(2);
      assertEquals(Generator.State.RUNNING, self[0].state());
      y.yield(10);
      steps.expect(4);
      y.yield(20);
    });
    steps.expect(1);
    assertEquals(10, self[0].next());
    assertEquals(Generator.State.SUSPENDED, self[0].state());
    steps.expect(3);
    assertEquals(20, self[0].next());
    steps.finish(5);
  }

  // SEMANTICS G3
  @Test
  void bodyReturns_closedWithReturnValue() {
    Generator<Integer, Object, String> g = Generator.create(y -> {
      y.yield(1);
      return "r";
    });
    assertThrows(IllegalStateException.class, g::returnValue);
    assertEquals(1, g.next());
    assertFalse(g.hasNext());
    assertThrows(NoSuchElementException.class, g::next);
    assertEquals(Generator.State.CLOSED, g.state());
    assertEquals("r", g.returnValue());
  }

  // SEMANTICS G3: of() returns null; returnValue after failure throws
  @Test
  void returnValue_ofOrFailure_nullOrThrows() {
    Generator<Integer, Object, Void> g = Generator.of(y -> {});
    assertFalse(g.hasNext());
    assertNull(g.returnValue());
    Generator<Integer, Object, Void> failing = Generator.of(y -> {
      throw new IllegalArgumentException("x");
    });
    assertThrows(IllegalArgumentException.class, failing::next);
    IllegalStateException e = assertThrows(IllegalStateException.class, failing::returnValue);
    assertTrue(e.getMessage().contains("has not returned"), e.getMessage());
  }

  // SEMANTICS G4
  @Test
  void hasNext_keepsOneValue_doesNotAdvanceTwice() {
    List<Integer> produced = new ArrayList<>();
    Generator<Integer, Object, Void> g = Generator.of(y -> {
      for (int i = 0; i < 2; i++) {
        produced.add(i);
        y.yield(i);
      }
    });
    assertTrue(g.hasNext());
    assertTrue(g.hasNext());
    assertEquals(List.of(0), produced);
    assertEquals(0, g.next());
    assertEquals(1, g.next());
    assertFalse(g.hasNext());
    assertEquals(Generator.State.CLOSED, g.state());
  }

  static void yieldDeep(Yielder<Integer, Object> y, int depth, int value) throws Suspend {
    if (depth == 0) {
      y.yield(value);
      return;
    }
    long keep = depth;
    yieldDeep(y, depth - 1, value);
    if (keep != depth) throw new AssertionError();
  }

  // SEMANTICS G20
  @Test
  void yield_fromDeepInsideCalls_valuesInProgramOrder() {
    Generator<Integer, Object, Void> g = Generator.of(y -> {
      for (int i = 0; i < 5; i++) yieldDeep(y, i * 7, i);
    });
    List<Integer> out = new ArrayList<>();
    g.forEachRemaining(out::add);
    assertEquals(List.of(0, 1, 2, 3, 4), out);
  }

  // SEMANTICS G22
  @Test
  void iterator_isThis_breakLeavesSuspended() {
    Generator<Integer, Object, Void> g = Generator.of(y -> {
      for (int i = 0; ; i++) y.yield(i);
    });
    assertSame(g, g.iterator());
    for (int v : g) {
      if (v == 2) break;
    }
    assertEquals(Generator.State.SUSPENDED, g.state());
    assertEquals(3, g.next());
  }

  // SEMANTICS G23
  @Test
  void stream_lazyAndClosingClosesGenerator() {
    List<String> log = new ArrayList<>();
    Generator<Integer, Object, Void> g = Generator.of(y -> {
      try {
        for (int i = 0; ; i++) {
          log.add("yield " + i);
          y.yield(i);
        }
      } finally {
        log.add("finally");
      }
    });
    List<Integer> first;
    try (Stream<Integer> s = g.stream()) {
      first = s.limit(3).collect(Collectors.toList());
    }
    assertEquals(List.of(0, 1, 2), first);
    assertEquals(List.of("yield 0", "yield 1", "yield 2", "finally"), log);
    assertEquals(Generator.State.CLOSED, g.state());
  }

  // SEMANTICS G10
  @Test
  void exceptionEscapingBody_sameInstance_closed() {
    RuntimeException boom = new RuntimeException("boom");
    Generator<Integer, Object, Void> g = Generator.of(y -> {
      y.yield(1);
      throw boom;
    });
    g.next();
    assertSame(boom, assertThrows(RuntimeException.class, g::next));
    assertEquals(Generator.State.CLOSED, g.state());
  }

  // SEMANTICS G18
  @Test
  void stopIterationEscapingBody_becomesIllegalState() {
    StopIteration inner = new StopIteration(5);
    Generator<Integer, Object, Void> g = Generator.of(y -> {
      throw inner;
    });
    IllegalStateException e = assertThrows(IllegalStateException.class, g::next);
    assertEquals("generator raised StopIteration", e.getMessage());
    assertSame(inner, e.getCause());
    assertEquals(Generator.State.CLOSED, g.state());
  }

  // SEMANTICS G19
  @Test
  void catchException_doesNotSwallowGeneratorExit() {
    List<String> log = new ArrayList<>();
    Generator<Integer, Object, Void> g = Generator.of(y -> {
      try {
        y.yield(1);
      } catch (Exception e) {
        log.add("swallowed");
      }
      log.add("after");
    });
    g.next();
    g.close();
    assertEquals(List.of(), log);
    assertEquals(Generator.State.CLOSED, g.state());
  }

  // SEMANTICS G31
  @Test
  void body_runsInCallersContext_setsVisibleToCaller() {
    dev.weft.continuations.ContextVar<String> var = new dev.weft.continuations.ContextVar<>("g31", "before");
    Generator<String, Object, Void> g = Generator.of(y -> {
      y.yield(var.get());
      var.set("set in body");
      y.yield(var.get());
    });
    var.set("caller value");
    assertEquals("caller value", g.next());
    assertEquals("set in body", g.next());
    assertEquals("set in body", var.get());
  }
}

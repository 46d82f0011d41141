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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

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

package dev.weft.greenlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Suspend;
import dev.weft.testing.Steps;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GreenletSwitchTest {
  final Steps steps = new Steps();
  final List<String> log = new ArrayList<>();

  // SEMANTICS GL1
  @Test
  void current_withoutGreenlets_isTheThreadsMain() {
    Greenlet main = Greenlet.current();
    assertTrue(main.isMain());
    assertNull(main.parent());
    assertTrue(main.isStarted());
    assertTrue(main.isActive());
    assertFalse(main.isDead());
    assertSame(main, Greenlet.current());
  }

  // SEMANTICS GL2
  @Test
  void construct_runsNothing_parentIsCurrent() {
    Greenlet g = new Greenlet(args -> {
      steps.expectUnreached();
      return null;
    });
    assertSame(Greenlet.current(), g.parent());
    assertFalse(g.isStarted());
    assertFalse(g.isActive());
    assertFalse(g.isDead());
  }

  // SEMANTICS GL3, GL5
  @Test
  void firstSwitch_startsRunWithArgs_returnValueGoesToParent() throws Suspend {
    Greenlet g = new Greenlet(args -> {
      assertArrayEquals(new Object[] {"a", 2}, args);
      return "result";
    });
    assertEquals("result", g.switchTo("a", 2));
    assertTrue(g.isDead());
    assertTrue(g.isStarted());
    assertFalse(g.isActive());
    Greenlet empty = new Greenlet(args -> args.length);
    assertEquals(0, empty.switchTo());
  }

  // SEMANTICS GL4
  @Test
  void switchValues_packedAsPython() throws Suspend {
    Greenlet main = Greenlet.current();
    List<Object> received = new ArrayList<>();
    Greenlet g = new Greenlet(args -> {
      received.add(main.switchTo("one"));
      received.add(main.switchTo());
      received.add(main.switchTo("x", "y"));
      return null;
    });
    assertEquals("one", g.switchTo());
    assertArrayEquals(new Object[0], (Object[]) g.switchTo(1));
    assertArrayEquals(new Object[] {"x", "y"}, (Object[]) g.switchTo());
    assertNull(g.switchTo(2, 3));
    assertEquals(1, received.get(0));
    assertArrayEquals(new Object[0], (Object[]) received.get(1));
    assertArrayEquals(new Object[] {2, 3}, (Object[]) received.get(2));
  }

  // The classic demo: 12, 56, 34 (78 is never printed)
  @Test
  void classicPingPong_printsInGreenletOrder() throws Suspend {
    Greenlet[] gr = new Greenlet[2];
    gr[0] = new Greenlet(args -> {
      log.add("12");
      gr[1].switchTo();
      log.add("34");
      return null;
    });
    gr[1] = new Greenlet(args -> {
      log.add("56");
      gr[0].switchTo();
      log.add("78");
      return null;
    });
    gr[0].switchTo();
    assertEquals(List.of("12", "56", "34"), log);
    assertTrue(gr[0].isDead());
    assertFalse(gr[1].isDead());
  }

  // SEMANTICS GL6
  @Test
  void exceptionEscapingRun_raisedInParent_sameInstance() throws Suspend {
    IllegalStateException boom = new IllegalStateException("boom");
    Greenlet g = new Greenlet(args -> {
      throw boom;
    });
    assertSame(boom, assertThrows(IllegalStateException.class, g::switchTo));
    assertTrue(g.isDead());
  }

  // SEMANTICS GL6: the parent need not be the last greenlet that switched in
  @Test
  void exceptionGoesToParent_notToLastSwitcher() throws Suspend {
    RuntimeException boom = new RuntimeException("boom");
    Greenlet main = Greenlet.current();
    Greenlet parent = new Greenlet(args -> {
      Greenlet child = (Greenlet) args[0];
      try {
        main.switchTo("parent waiting");
      } catch (RuntimeException e) {
        return "parent caught " + (e == boom);
      }
      return "no";
    });
    Greenlet child = new Greenlet(args -> {
      throw boom;
    }, parent);
    assertEquals("parent waiting", parent.switchTo(child));
    assertEquals("parent caught true", child.switchTo());
  }

  // SEMANTICS GL7
  @Test
  void greenletExitEscaping_isReturnedAsValue() throws Suspend {
    GreenletExit exit = new GreenletExit();
    Greenlet g = new Greenlet(args -> {
      throw exit;
    });
    assertSame(exit, g.switchTo());
  }

  // SEMANTICS GL8
  @Test
  void switchToDead_goesToNearestLiveAncestor() throws Suspend {
    Greenlet g = new Greenlet(args -> "done");
    g.switchTo();
    assertEquals("v", g.switchTo("v")); // the ancestor is the caller: its own arguments at once
    assertArrayEquals(new Object[0], (Object[]) g.switchTo());
  }

  // SEMANTICS GL9
  @Test
  void childDies_unstartedParentStartsWithValue() throws Suspend {
    Greenlet parent = new Greenlet(args -> "parent got " + args[0]);
    Greenlet child = new Greenlet(args -> "child result", parent);
    assertEquals("parent got child result", child.switchTo());
    assertTrue(parent.isDead());
  }

  // SEMANTICS GL10
  @Test
  void throwInto_suspended_handledAndSwitchesBack() throws Suspend {
    Greenlet main = Greenlet.current();
    IllegalArgumentException t = new IllegalArgumentException("t");
    Greenlet g = new Greenlet(args -> {
      try {
        main.switchTo("waiting");
      } catch (IllegalArgumentException e) {
        return main.switchTo("handled " + (e == t));
      }
      return null;
    });
    g.switchTo();
    assertEquals("handled true", g.throwInto(t));
  }

  // SEMANTICS GL10, GL11
  @Test
  void throwInto_notHandled_goesToParent_killRunsFinally() throws Suspend {
    Greenlet main = Greenlet.current();
    Greenlet g = new Greenlet(args -> {
      try {
        main.switchTo();
      } finally {
        log.add("finally");
      }
      return null;
    });
    g.switchTo();
    Object v = g.throwInto();
    assertInstanceOf(GreenletExit.class, v);
    assertEquals(List.of("finally"), log);
    assertTrue(g.isDead());

    Greenlet h = new Greenlet(args -> main.switchTo());
    h.switchTo();
    RuntimeException other = new RuntimeException("other");
    assertSame(other, assertThrows(RuntimeException.class, () -> h.throwInto(other)));
  }

  // SEMANTICS GL12
  @Test
  void throwInto_unstarted_neverRuns() throws Suspend {
    Greenlet g = new Greenlet(args -> {
      steps.expectUnreached();
      return null;
    });
    assertInstanceOf(GreenletExit.class, g.throwInto(new GreenletExit()));
    assertTrue(g.isDead());
    Greenlet h = new Greenlet(args -> null);
    RuntimeException t = new RuntimeException();
    assertSame(t, assertThrows(RuntimeException.class, () -> h.throwInto(t)));
  }

  // SEMANTICS GL13
  @Test
  void throwInto_dead_actsAsIfEscaped() throws Suspend {
    Greenlet g = new Greenlet(args -> null);
    g.switchTo();
    GreenletExit exit = new GreenletExit();
    assertSame(exit, g.throwInto(exit));
    RuntimeException t = new RuntimeException();
    assertSame(t, assertThrows(RuntimeException.class, () -> g.throwInto(t)));
  }

  // SEMANTICS GL14
  @Test
  void switchToSelf_returnsArgs_throwIntoSelfThrows() throws Suspend {
    Greenlet main = Greenlet.current();
    assertEquals("x", main.switchTo("x"));
    RuntimeException t = new RuntimeException();
    assertSame(t, assertThrows(RuntimeException.class, () -> main.throwInto(t)));
  }

  // SEMANTICS GL15
  @Test
  void setParent_cycleAndNullAndMainRefused() {
    Greenlet a = new Greenlet(args -> null);
    Greenlet b = new Greenlet(args -> null, a);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.setParent(b));
    assertTrue(e.getMessage().startsWith("cyclic parent chain"), e.getMessage());
    assertThrows(NullPointerException.class, () -> a.setParent(null));
    assertThrows(UnsupportedOperationException.class, () -> Greenlet.current().setParent(a));
  }

  static final class Doubler extends Greenlet {
    @Override
    protected Object run(Object... args) throws Suspend {
      return (Integer) args[0] * 2;
    }
  }

  static final class NoRun extends Greenlet {}

  // SEMANTICS GL21
  @Test
  void subclass_overridingRun_works_notOverriding_refusedAndUnstarted() throws Suspend {
    assertEquals(42, new Doubler().switchTo(21));
    NoRun g = new NoRun();
    assertThrows(UnsupportedOperationException.class, g::switchTo);
    assertFalse(g.isStarted());
  }

  // SEMANTICS GL27
  @Test
  void activeStartedDead_consistent() throws Suspend {
    Greenlet main = Greenlet.current();
    Greenlet g = new Greenlet(args -> main.switchTo());
    g.switchTo();
    assertTrue(g.isStarted() && g.isActive() && !g.isDead());
    g.switchTo();
    assertTrue(g.isStarted() && !g.isActive() && g.isDead());
  }

  static Object switchDeep(Greenlet to, int depth) throws Suspend {
    if (depth == 0) return to.switchTo("deep");
    long keep = depth;
    Object r = switchDeep(to, depth - 1);
    return keep == depth ? r : null;
  }

  // Issue #5: a switch from 1,000 calls deep, and back
  @Test
  void switchFromThousandCallsDeep_andBack() throws Suspend {
    Greenlet main = Greenlet.current();
    Greenlet g = new Greenlet(args -> "got " + switchDeep(main, 1000));
    assertEquals("deep", g.switchTo());
    assertEquals("got back", g.switchTo("back"));
  }

  // SEMANTICS GL29
  @Test
  void pingPongMillionTimes_andTenThousandNested_noStackGrowth() throws Suspend {
    Greenlet main = Greenlet.current();
    Greenlet[] pair = new Greenlet[2];
    pair[0] = new Greenlet(args -> {
      for (int i = 0; i < 500_000; i++) pair[1].switchTo(i);
      return main.switchTo("done");
    });
    pair[1] = new Greenlet(args -> {
      int last = -1;
      for (;;) last = (Integer) pair[0].switchTo();
    });
    assertEquals("done", pair[0].switchTo());

    Greenlet first = chain(10_000);
    assertEquals(10_000, first.switchTo(0));
  }

  static Greenlet chain(int n) {
    return new Greenlet(args -> {
      int depth = (Integer) args[0];
      if (depth == n) return depth;
      Greenlet next = chain(n);
      return next.switchTo(depth + 1);
    });
  }
}

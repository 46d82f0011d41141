package dev.weft.greenlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Suspend;
import dev.weft.generators.Generator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #13: a greenlet that switches away from inside a generator body (its continuation is then
 * captured inside the greenlet's) gets back exactly what it is switched back with, thrown into, or
 * killed with, at any depth of generators and {@code yieldFrom}. Each case mirrors a CPython 3.11 +
 * greenlet 3 program, quoted above it with what Python prints.
 */
class GreenletNestedScopesTest {
  final List<Object> log = new ArrayList<>();
  final Greenlet main = Greenlet.current();

  static final class Boom extends RuntimeException {
    Boom(String m) {
      super(m);
    }
  }

  /** A generator whose body switches to main at each step and records what it gets back. */
  Generator<Object, Object, Void> switching(int times) {
    return Generator.of(y -> {
      for (int i = 0; i < times; i++) {
        Object got = main.switchTo("from gen " + i);
        log.add(got);
        y.yield(got);
      }
    });
  }

  /*
   * def body():
   *     def gen():
   *         x = main.switch("from gen"); log.append(x); yield x
   *     return list(gen())
   * g = greenlet(body); g.switch()        -> "from gen"
   * g.switch("to gen")                    -> ["to gen"]   (log == ["to gen"])
   */
  @Test
  void switchBackIntoGeneratorBody_deliversTheValue() throws Suspend {
    Greenlet g = new Greenlet(args -> {
      List<Object> out = new ArrayList<>();
      // Through Generator's own methods: a call through java.util.Iterator (for-each) is JDK code
      Generator<Object, Object, Void> gen = switching(1);
      while (gen.hasNext()) out.add(gen.next());
      return out;
    });
    assertEquals("from gen 0", g.switchTo());
    assertEquals(List.of("to gen"), g.switchTo("to gen"));
    assertEquals(List.of("to gen"), log);
  }

  /* Same, with several values: g.switch("B", "C") makes the paused switch return ("B", "C"). */
  @Test
  void switchBackWithSeveralValues_deliversTheArray() throws Suspend {
    Greenlet g = new Greenlet(args -> switching(1).next());
    g.switchTo();
    Object r = g.switchTo("B", "C");
    assertArrayEquals(new Object[] {"B", "C"}, (Object[]) r);
    assertArrayEquals(new Object[] {"B", "C"}, (Object[]) log.get(0));
  }

  /* One and two yield-from levels down; the values keep arriving at each step. */
  @Test
  void switchBackThroughYieldFrom_deliversEachValue() throws Suspend {
    Greenlet g = new Greenlet(args -> {
      Generator<Object, Object, Void> outer = Generator.of(y -> {
        y.yieldFrom(Generator.of(mid -> mid.yieldFrom(switching(3))));
      });
      List<Object> out = new ArrayList<>();
      while (outer.hasNext()) out.add(outer.next());
      return out;
    });
    assertEquals("from gen 0", g.switchTo());
    assertEquals("from gen 1", g.switchTo("a"));
    assertEquals("from gen 2", g.switchTo("b"));
    assertEquals(List.of("a", "b", "c"), g.switchTo("c"));
  }

  /* A generator driving a generator (plain next() in the body, not yieldFrom) inside a greenlet. */
  @Test
  void switchBackIntoGeneratorIteratedByGenerator_deliversTheValue() throws Suspend {
    Greenlet g = new Greenlet(args -> {
      Generator<Object, Object, Void> outer = Generator.of(y -> {
        Generator<Object, Object, Void> inner = switching(2);
        while (inner.hasNext()) y.yield("outer saw " + inner.next());
      });
      List<Object> out = new ArrayList<>();
      while (outer.hasNext()) out.add(outer.next());
      return out;
    });
    g.switchTo();
    g.switchTo(1);
    assertEquals(List.of("outer saw 1", "outer saw 2"), g.switchTo(2));
  }

  /*
   * def gen():
   *     try: main.switch("waiting")
   *     except Boom as e: log.append(e); yield "caught"
   * g = greenlet(lambda: next(gen())); g.switch(); g.throw(Boom("x"))  -> "caught"
   */
  @Test
  void throwIntoGreenletPausedInGeneratorBody_generatorBodyCatchesIt() throws Suspend {
    Boom boom = new Boom("x");
    Greenlet g = new Greenlet(args -> Generator.of(y -> {
      try {
        main.switchTo("waiting");
        log.add("not thrown");
      } catch (Boom e) {
        log.add(e);
        y.yield("caught");
      }
    }).next());
    assertEquals("waiting", g.switchTo());
    assertEquals("caught", g.throwInto(boom));
    assertEquals(List.of(boom), log);
    assertTrue(g.isDead());
  }

  /* An exception not caught in the generator ends it, and reaches the greenlet's own body. */
  @Test
  void throwIntoGreenletPausedInGeneratorBody_uncaughtReachesGreenletBody() throws Suspend {
    Boom boom = new Boom("y");
    Greenlet g = new Greenlet(args -> {
      Generator<Object, Object, Void> gen = switching(1);
      try {
        gen.next();
        return "not thrown";
      } catch (Boom e) {
        log.add(e);
        return gen.state();
      }
    });
    g.switchTo();
    assertEquals(Generator.State.CLOSED, g.throwInto(boom));
    assertEquals(List.of(boom), log);
  }

  /*
   * def gen():
   *     try: main.switch("waiting"); yield 1
   *     finally: log.append("gen finally")
   * def body():
   *     try: next(gen())
   *     finally: log.append("greenlet finally")
   * g = greenlet(body); g.switch(); r = g.throw()
   * -> r is a GreenletExit, log == ["gen finally", "greenlet finally"], g.dead
   */
  @Test
  void killGreenletPausedInGeneratorBody_runsEveryFinallyInnermostFirst() throws Suspend {
    Greenlet g = new Greenlet(args -> {
      try {
        return Generator.of(y -> {
          try {
            main.switchTo("waiting");
            log.add("gen continued");
            y.yield(1);
          } finally {
            log.add("gen finally");
          }
        }).next();
      } finally {
        log.add("greenlet finally");
      }
    });
    g.switchTo();
    Object r = g.throwInto();
    assertInstanceOf(GreenletExit.class, r);
    assertEquals(List.of("gen finally", "greenlet finally"), log);
    assertTrue(g.isDead());
  }

  @Test
  void killMethod_inYieldFromTwoLevelsDown_runsEveryFinally() throws Suspend {
    Greenlet g = new Greenlet(args -> {
      try {
        Generator<Object, Object, Void> outer = Generator.of(y -> {
          try {
            y.yieldFrom(Generator.of(sub -> {
              try {
                main.switchTo("waiting");
                log.add("sub continued");
              } finally {
                log.add("sub finally");
              }
            }));
          } finally {
            log.add("outer finally");
          }
        });
        while (outer.hasNext()) log.add(outer.next());
        return "not killed";
      } finally {
        log.add("greenlet finally");
      }
    });
    g.switchTo();
    g.kill();
    assertEquals(List.of("sub finally", "outer finally", "greenlet finally"), log);
    assertTrue(g.isDead());
  }

  /*
   * The other nesting: a greenlet started inside a generator body yields the generator's values
   * and is resumed by what the generator's consumer sends.
   */
  @Test
  void greenletInsideGeneratorBody_switchesAndSends_reachTheirFrames() throws Suspend {
    Generator<Object, Object, Object> gen = Generator.create(y -> {
      Greenlet genMain = Greenlet.current();
      Greenlet child = new Greenlet(args -> {
        Object sent = y.yield("child yields " + args[0]);
        log.add("child got " + sent);
        Object back = genMain.switchTo("child to gen");
        log.add("child switched back with " + back);
        return "child done";
      });
      Object first = child.switchTo("a");
      log.add("gen got " + first);
      Object last = child.switchTo("b");
      return last;
    });
    assertEquals("child yields a", gen.next());
    Object ret = null;
    try {
      gen.send("s1");
    } catch (dev.weft.generators.StopIteration stop) {
      ret = stop.value();
    }
    assertEquals(List.of("child got s1", "gen got child to gen", "child switched back with b"), log);
    assertEquals("child done", ret);
    assertSame(Generator.State.CLOSED, gen.state());
  }
}

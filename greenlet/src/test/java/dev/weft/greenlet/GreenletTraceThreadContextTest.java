package dev.weft.greenlet;

import dev.weft.testing.Gc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Context;
import dev.weft.continuations.ContextVar;
import dev.weft.continuations.Suspend;
import dev.weft.continuations.SuspendException;
import dev.weft.generators.Generator;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class GreenletTraceThreadContextTest {
  final List<String> events = new ArrayList<>();

  @AfterEach
  void noTracer() {
    Greenlet.setTrace(null);
  }

  String name(Greenlet g, Greenlet main) {
    return g == main ? "main" : g.toString().startsWith("Greenlet@") ? "g" : g.toString();
  }

  // SEMANTICS GL22, GL23
  @Test
  void trace_switchAndThrowEvents_inOrder() throws Suspend {
    Greenlet main = Greenlet.current();
    Greenlet g1 = new Greenlet(args -> null);
    Greenlet g2 = new Greenlet(args -> {
      throw new IllegalStateException("x");
    });
    assertNull(Greenlet.setTrace((e, o, t) -> events.add(e + "(" + (o == main ? "main" : o == g1 ? "g1" : "g2") + ","
        + (t == main ? "main" : t == g1 ? "g1" : "g2") + ")")));
    g1.switchTo();
    assertThrows(IllegalStateException.class, g2::switchTo);
    assertEquals(List.of("switch(main,g1)", "switch(g1,main)", "switch(main,g2)", "throw(g2,main)"), events);
  }

  // SEMANTICS GL24
  @Test
  void tracer_seesTargetAsCurrent() throws Suspend {
    List<Boolean> targetWasCurrent = new ArrayList<>();
    Greenlet.setTrace((e, o, t) -> targetWasCurrent.add(Greenlet.current() == t));
    new Greenlet(args -> null).switchTo();
    assertEquals(List.of(true, true), targetWasCurrent);
  }

  // SEMANTICS GL25
  @Test
  void tracerThrows_tracingOff_exceptionGoesToTarget() throws Suspend {
    RuntimeException fromTracer = new RuntimeException("tracer");
    Greenlet.Tracer tracer = (e, o, t) -> {
      throw fromTracer;
    };
    Greenlet.setTrace(tracer);
    AtomicReference<Throwable> inTarget = new AtomicReference<>();
    Greenlet main = Greenlet.current();
    Greenlet g = new Greenlet(args -> {
      try {
        main.switchTo();
      } catch (RuntimeException e) {
        inTarget.set(e);
      }
      return null;
    });
    // Starting g: the tracer fails, so g receives the exception instead of starting normally... it is
    // unstarted, so the exception counts as escaping it and comes back to main.
    assertSame(fromTracer, assertThrows(RuntimeException.class, g::switchTo));
    assertNull(Greenlet.setTrace(null));
  }

  // SEMANTICS GL17, GL18
  @Test
  void switchFromOtherThread_greenletError_statesUnchanged() throws Exception {
    Greenlet g = new Greenlet(args -> null);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<Greenlet> otherMain = new AtomicReference<>();
    Thread t = new Thread(() -> {
      otherMain.set(Greenlet.current());
      try {
        g.switchTo();
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    t.start();
    t.join();
    assertTrue(failure.get() instanceof GreenletError);
    assertTrue(failure.get().getMessage().toLowerCase().contains("switch to a different thread"), failure.get().getMessage());
    assertFalse(g.isStarted());
    assertTrue(otherMain.get() != Greenlet.current());
    // GL17: that thread has ended now
    GreenletError e = assertThrows(GreenletError.class, () -> otherMain.get().switchTo());
    assertTrue(e.getMessage().contains("(which happens to have exited)"), e.getMessage());
    // GL19: its main greenlet reports dead
    assertTrue(otherMain.get().isDead());
  }

  // SEMANTICS GL16
  @Test
  void setParent_otherThread_illegalArgument() throws Exception {
    AtomicReference<Greenlet> foreign = new AtomicReference<>();
    Thread t = new Thread(() -> foreign.set(new Greenlet(args -> null)));
    t.start();
    t.join();
    Greenlet mine = new Greenlet(args -> null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mine.setParent(foreign.get()));
    assertTrue(e.getMessage().startsWith("parent cannot be on a different thread"), e.getMessage());
  }

  static final ContextVar<String> VAR = new ContextVar<>("var", "default");

  // SEMANTICS GL26
  @Test
  void eachGreenletHasItsOwnContext() throws Suspend {
    Greenlet main = Greenlet.current();
    VAR.set("main value");
    List<String> seen = new ArrayList<>();
    Greenlet g = new Greenlet(args -> {
      seen.add(VAR.get());        // a new greenlet starts with an empty context
      VAR.set("g value");
      main.switchTo();
      seen.add(VAR.get());        // its own value survives the switch
      return null;
    });
    g.switchTo();
    assertEquals("main value", VAR.get());
    g.switchTo();
    assertEquals(List.of("default", "g value"), seen);

    Context preset = Context.copyCurrent();
    Greenlet h = new Greenlet(args -> VAR.get());
    h.setContext(preset);
    assertEquals("main value", h.switchTo());
  }

  // SEMANTICS GL20
  @Test
  void kill_andClose_runFinallyOrMarkDead() throws Suspend {
    Greenlet main = Greenlet.current();
    List<String> log = new ArrayList<>();
    Greenlet g = new Greenlet(args -> {
      try {
        main.switchTo();
      } finally {
        log.add("finally");
      }
      return null;
    });
    g.switchTo();
    try (Greenlet closing = g) {
      assertTrue(closing.isActive());
    }
    assertEquals(List.of("finally"), log);
    assertTrue(g.isDead());
    Greenlet unstarted = new Greenlet(args -> null);
    unstarted.kill();
    assertTrue(unstarted.isDead());
    g.kill(); // dead: nothing happens
  }

  static synchronized Object switchWhileLocked(Greenlet to) throws Suspend {
    return to.switchTo();
  }

  // SEMANTICS GL28
  @Test
  void switchOutOfSynchronized_suspendExceptionNamingMethod() throws Suspend {
    Greenlet main = Greenlet.current();
    Greenlet g = new Greenlet(args -> switchWhileLocked(main));
    SuspendException e = assertThrows(SuspendException.class, g::switchTo);
    assertTrue(e.getMessage().contains("switchWhileLocked"), e.getMessage());
  }

  // Issue #5: greenlets switch from inside generator bodies, and generators run inside greenlets
  @Test
  void switchFromInsideGeneratorBody_scopesCompose() throws Suspend {
    Greenlet main = Greenlet.current();
    List<String> log = new ArrayList<>();
    Greenlet g = new Greenlet(args -> {
      Generator<Integer, Object, Void> gen = Generator.of(y -> {
        y.yield(1);
        log.add("gen switches to main");
        main.switchTo("from inside generator");
        log.add("gen resumed");
        y.yield(2);
      });
      log.add("got " + gen.next());
      log.add("got " + gen.next());
      return "greenlet done";
    });
    assertEquals("from inside generator", g.switchTo());
    assertEquals(List.of("got 1", "gen switches to main"), log);
    assertEquals("greenlet done", g.switchTo());
    assertEquals(List.of("got 1", "gen switches to main", "gen resumed", "got 2"), log);
  }

  // Issue #5: abandoned greenlets are collectable: a million abandoned mid-switch do not leak
  @Test
  void abandonedGreenlets_areCollected() throws Exception {
    Greenlet main = Greenlet.current();
    WeakReference<Greenlet> last = null;
    for (int i = 0; i < 1_000_000; i++) {
      Greenlet g = new Greenlet(args -> main.switchTo("suspended"));
      g.switchTo();
      if (i == 999_999) last = new WeakReference<>(g);
    }
    Gc.awaitCollected(last); // an abandoned suspended greenlet must not stay reachable
  }
}

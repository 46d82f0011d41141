package dev.weft.continuations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.internal.abi.Frames;
import dev.weft.continuations.internal.abi.Runner;
import dev.weft.continuations.internal.abi.SizeHint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A runner that is its own body (a subclass implementing SuspendableRunnable, as an asyncio task's
 * body is): it runs, suspends and resumes as one given a body; run from an instrumented call site
 * inside an outer continuation it counts as entered cleanly, so a suspension of the outer scope
 * from inside it captures it and resumes it with the outer.
 */
class SelfBodyRunnerTest {
  static final ContinuationScope OUTER = new ContinuationScope("outer");
  static final ContinuationScope INNER = new ContinuationScope("inner");

  static final class Own extends Runner implements SuspendableRunnable {
    final List<String> log;

    Own(List<String> log) {
      super(new SizeHint(INNER));
      this.log = log;
    }

    @Override
    public void run() throws Suspend {
      log.add("inner start");
      Continuation.suspend(OUTER); // through this runner: captured with the outer
      log.add("inner after outer resumed");
      Continuation.suspend(INNER);
      log.add("inner end");
    }
  }

  /* An instrumented caller: its call site leaves run(Carrier)'s token mixed with Own's class. */
  static void runIt(Runner k) throws Suspend {
    k.run(Frames.carrier());
  }

  @Test
  void selfBodyRunner_isItsOwnBody_andAnOuterSuspensionCapturesAndResumesIt() {
    List<String> log = new ArrayList<>();
    Own own = new Own(log);
    assertSame(own, own.body());
    Continuation outer = new Continuation(OUTER, () -> {
      runIt(own);
      log.add("outer sees inner suspended, done=" + own.isDone());
      runIt(own);
      log.add("outer end");
    });
    outer.run();
    assertEquals(List.of("inner start"), log);
    assertFalse(outer.isDone());
    outer.run();
    assertEquals(List.of("inner start", "inner after outer resumed", "outer sees inner suspended, done=false",
        "inner end", "outer end"), log);
    assertTrue(outer.isDone());
    assertTrue(own.isDone());
  }

  static final class NotABody extends Runner {
    NotABody() {
      super(new SizeHint(INNER));
    }
  }

  @Test
  void subclassThatIsNotABody_isRefusedByName() {
    IllegalStateException e = assertThrows(IllegalStateException.class, NotABody::new);
    assertTrue(e.getMessage().contains("NotABody") && e.getMessage().contains("SuspendableRunnable"), e.getMessage());
  }
}

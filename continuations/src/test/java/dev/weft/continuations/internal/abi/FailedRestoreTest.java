package dev.weft.continuations.internal.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.ContinuationScope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A resumed frame whose restore throws before it pops its record (only a bug in emitted code can
 * do that, as a failing cast once did) must not leave its slots on the stack: its caller's record
 * is read next, and gets the exception as any caller of a throwing frame does.
 */
class FailedRestoreTest {
  @Test
  void aFrameThatThrowsBeforePoppingItsRecord_leavesItsCallersRecordInStep() {
    List<Object> callerSaw = new ArrayList<>();
    IllegalStateException broken = new IllegalStateException("restore failed");
    ResumeEntry failingRestore = (c, header) -> {
      throw broken; // its two slots are never read or popped
    };
    ResumeEntry caller = (c, header) -> {
      callerSaw.add(Frames.getRef(c, 0));
      Frames.pop(c);
      callerSaw.add(Frames.takePending(c));
      Frames.returnVoid(c);
    };
    Runner[] runner = new Runner[1];
    runner[0] = new Runner(new SizeHint(new ContinuationScope("restore")), () -> {
      // What an unwinding of two frames leaves: the innermost record first, then its caller's.
      Carrier c = Frames.carrier();
      c.unwinding = true;
      c.unwindTarget = runner[0];
      c.push(2, 0, failingRestore, Frames.header(0, 0, 0, 2));
      Frames.putRef(c, 0, "inner slot 0");
      Frames.putRef(c, 1, "inner slot 1");
      c.push(1, 0, caller, Frames.header(0, 1, 0, 1));
      Frames.putRef(c, 0, "caller slot");
    });
    runner[0].run(Frames.carrier());
    assertTrue(!runner[0].isDone(), "suspended with two records");
    runner[0].run(Frames.carrier());
    assertTrue(runner[0].isDone());
    assertEquals(List.of("caller slot", broken), callerSaw);
  }
}

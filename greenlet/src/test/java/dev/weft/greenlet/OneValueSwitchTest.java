package dev.weft.greenlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.continuations.Suspend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code switchTo(Object)}: the one-value switch reuses an argument array, which must never leak. */
class OneValueSwitchTest {
  @Test
  void roundTrips_carryEachValueAsIs() throws Suspend {
    Greenlet main = Greenlet.current();
    Greenlet echo = new Greenlet(args -> {
      Object v = args[0];
      for (;;) v = main.switchTo("echo " + v);
    });
    assertEquals("echo a", echo.switchTo("a"));
    assertEquals("echo b", echo.switchTo("b"));
    assertEquals("echo null", echo.switchTo((Object) null));
  }

  @Test
  void theArgumentsAGreenletStartsWith_areItsOwn_notOverwrittenByLaterSwitches() throws Suspend {
    Greenlet main = Greenlet.current();
    Object[][] startedWith = new Object[1][];
    Greenlet g = new Greenlet(args -> {
      startedWith[0] = args;
      Object v = null;
      for (int i = 0; i < 3; i++) v = main.switchTo(v);
      return args[0];
    });
    g.switchTo("first");
    g.switchTo("second");
    g.switchTo("third");
    assertArrayEquals(new Object[] {"first"}, startedWith[0]);
    assertEquals("first", g.switchTo("last"));
    Greenlet other = new Greenlet(args -> args);
    Object[] otherArgs = (Object[]) other.switchTo("x");
    assertArrayEquals(new Object[] {"x"}, otherArgs);
    assertNotSame(startedWith[0], otherArgs);
  }

  @Test
  void anArrayAsTheOneValue_arrivesAsThatArray() throws Suspend {
    Greenlet main = Greenlet.current();
    Object[] payload = {"p", "q"};
    List<Object> received = new ArrayList<>();
    Greenlet g = new Greenlet(args -> {
      received.add(main.switchTo());
      return null;
    });
    g.switchTo();
    g.switchTo((Object) payload); // binds to switchTo(Object): the value is the array itself, not its elements
    assertSame(payload, received.get(0));
  }

  @Test
  void aValueSentToADeadGreenlet_goesToItsParentAndIsNotKept() throws Suspend {
    Greenlet dead = new Greenlet(args -> null);
    dead.switchTo();
    assertEquals("to the parent", dead.switchTo("to the parent")); // GL8: on to the nearest live ancestor (main)
    Greenlet fresh = new Greenlet(args -> args.length == 0 ? null : args[0]);
    assertNull(fresh.switchTo()); // nothing left over from the last one-value switch
  }
}

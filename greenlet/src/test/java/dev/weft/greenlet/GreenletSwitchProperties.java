package dev.weft.greenlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.continuations.Suspend;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue #9: random switch graphs between the main greenlet and three others. Whoever holds control
 * switches to the next target of a random script, sending the step number; every value must be
 * received, in order, by exactly the greenlet it was sent to, none lost or duplicated, including
 * switches to oneself and first switches that start a greenlet.
 */
class GreenletSwitchProperties {
  static final int OTHERS = 3;

  @Provide
  Arbitrary<List<Integer>> scripts() {
    return Arbitraries.integers().between(0, OTHERS).list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 300)
  void everyValueReachesItsTarget_inOrder(@ForAll("scripts") List<Integer> script) throws Suspend {
    List<String> sent = new ArrayList<>();
    List<String> received = new ArrayList<>();
    int[] pos = {0};
    Greenlet[] g = new Greenlet[OTHERS + 1];
    g[0] = Greenlet.current();
    for (int i = 1; i <= OTHERS; i++) {
      int self = i;
      g[i] = new Greenlet(args -> {
        Object v = args[0];
        for (;;) {
          received.add(self + ":" + v);
          if (pos[0] == script.size()) return "done";
          int target = script.get(pos[0]);
          int value = pos[0]++;
          sent.add(target + ":" + value);
          v = g[target].switchTo(value);
        }
      });
    }
    while (pos[0] < script.size()) {
      int target = script.get(pos[0]);
      int value = pos[0]++;
      sent.add(target + ":" + value);
      Object v = g[target].switchTo(value);
      if ("done".equals(v)) break;
      received.add("0:" + v);
    }
    assertEquals(sent, received, "script " + script);
  }
}

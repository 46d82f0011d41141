package com.example;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Task;
import dev.weft.continuations.Suspend;
import dev.weft.generators.Generator;
import dev.weft.greenlet.Greenlet;
import java.util.ArrayList;
import java.util.List;

public class App {
  static Generator<Integer, Object, Void> squares(int n) {
    return Generator.of(y -> {
      for (int i = 0; i < n; i++) y.yield(i * i);
    });
  }

  static String greet(double delay, String who) throws Suspend {
    Asyncio.await(Asyncio.sleep(delay));
    return "hello " + who;
  }

  static List<String> pingPong() throws Suspend {
    List<String> log = new ArrayList<>();
    Greenlet[] gr = new Greenlet[2];
    gr[0] = new Greenlet(a -> { log.add("a1"); gr[1].switchTo(); log.add("a2"); return null; });
    gr[1] = new Greenlet(a -> { log.add("b1"); gr[0].switchTo(); log.add("b2"); return null; });
    gr[0].switchTo();
    return log;
  }

  public static void main(String[] args) throws Suspend {
    List<Integer> squares = new ArrayList<>();
    for (int v : squares(4)) squares.add(v);
    System.out.println("squares: " + squares);
    System.out.println("greenlets: " + pingPong());
    String both = Asyncio.run(() -> {
      Task<String> slow = Asyncio.createTask(Asyncio.async(() -> greet(0.02, "world")), "slow");
      Task<String> fast = Asyncio.createTask(Asyncio.async(() -> greet(0.01, "weft")), "fast");
      return Asyncio.await(fast) + ", " + Asyncio.await(slow);
    });
    System.out.println("asyncio: " + both);
  }
}

package dev.weft.examples.greenlet;

import dev.weft.continuations.Suspend;
import dev.weft.greenlet.Greenlet;

/**
 * greenlet's documentation example: two greenlets switch back and forth. Prints 12, 56, 34; the
 * last line of the second greenlet (78) never runs, because the first one returns to the main
 * greenlet (its parent) and nothing switches to the second again.
 */
public final class ClassicSwitch {
  private ClassicSwitch() {}

  public static void main(String[] args) throws Suspend {
    Greenlet[] gr = new Greenlet[2];
    gr[0] = new Greenlet(a -> {
      System.out.println(12);
      gr[1].switchTo();
      System.out.println(34);
      return null;
    });
    gr[1] = new Greenlet(a -> {
      System.out.println(56);
      gr[0].switchTo();
      System.out.println(78);
      return null;
    });
    gr[0].switchTo();
  }
}

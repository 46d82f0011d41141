package dev.weft.examples.generators;

import dev.weft.generators.Generator;

/**
 * PEP 380's classic: a generator yields 1, delegates to one that yields 3 and 4, then yields 2.
 * Prints {@code 1 3 4 2}.
 */
public final class ClassicDelegation {
  private ClassicDelegation() {}

  static Generator<Integer, Object, Void> inner() {
    return Generator.of(y -> {
      y.yield(3);
      y.yield(4);
    });
  }

  static Generator<Integer, Object, Void> outer() {
    return Generator.of(y -> {
      y.yield(1);
      y.yieldFrom(inner());
      y.yield(2);
    });
  }

  public static void main(String[] args) {
    StringBuilder out = new StringBuilder();
    for (int v : outer()) out.append(out.length() == 0 ? "" : " ").append(v);
    System.out.println(out);
  }
}

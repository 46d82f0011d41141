package dev.weft.continuations.internal.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SizeHintTest {

  @Test
  void freshStorage_takesTheHint_whenItIsLargeEnough() {
    assertEquals(23, SizeHint.grow(0, 3, 23));
  }

  @Test
  void freshStorage_hintTooSmall_doubles() {
    assertEquals(10, SizeHint.grow(0, 5, 4));
    assertEquals(4, SizeHint.grow(0, 1, 0)); // never below 4
  }

  @Test
  void grownStorage_ignoresTheHint() {
    assertEquals(14, SizeHint.grow(6, 7, 100));
  }
}

package dev.weft.examples.generators;

import dev.weft.generators.Generator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A lazy infinite generator (the Fibonacci numbers) consumed as a {@link Stream}: only the values
 * asked for are computed, and closing the stream closes the generator, running its finally block.
 */
public final class InfiniteStream {
  private InfiniteStream() {}

  static Generator<Long, Object, Void> fibonacci() {
    return Generator.of(y -> {
      long a = 0, b = 1;
      try {
        while (true) {
          y.yield(a);
          long next = a + b;
          a = b;
          b = next;
        }
      } finally {
        System.out.println("fibonacci closed after " + a);
      }
    });
  }

  public static void main(String[] args) {
    try (Stream<Long> fib = fibonacci().stream()) {
      List<Long> first = fib.limit(10).collect(Collectors.toList());
      System.out.println(first);
    }
  }
}

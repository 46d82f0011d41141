package dev.weft.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, generators in pipelines: a generator iterated by another generator's body belongs to
 * it and is closed, innermost first, when its consumer closes or finishes, unless it is also
 * iterated from elsewhere (README, "Generators in pipelines").
 */
class GeneratorPipelineTest {
  final List<String> log = new ArrayList<>();

  Generator<String, Object, Void> readLines(List<String> file) {
    return Generator.of(y -> {
      log.add("open");
      try {
        for (String l : file) y.yield(l);
      } finally {
        log.add("readLines closed");
      }
    });
  }

  Generator<String, Object, Void> grep(String word, Generator<String, Object, Void> in) {
    return Generator.of(y -> {
      try {
        for (String l : in) if (l.contains(word)) y.yield(l);
      } finally {
        log.add("grep closed");
      }
    });
  }

  Generator<String, Object, Void> upper(Generator<String, Object, Void> in) {
    return Generator.of(y -> {
      try {
        for (String l : in) y.yield(l.toUpperCase());
      } finally {
        log.add("upper closed");
      }
    });
  }

  static final List<String> FILE = List.of("a weft", "b", "c weft", "d weft");

  @Test
  void pipeline_streamLimit_inTryWithResources_closesEveryStageInnermostFirst() {
    List<String> first;
    Generator<String, Object, Void> lines = readLines(FILE);
    try (var s = upper(grep("weft", lines)).stream()) {
      first = s.limit(1).collect(Collectors.toList());
    }
    assertEquals(List.of("A WEFT"), first);
    assertEquals(List.of("open", "readLines closed", "grep closed", "upper closed"), log);
    assertEquals(Generator.State.CLOSED, lines.state());
  }

  @Test
  void consumerThatFinishesEarly_closesItsSource() {
    Generator<String, Object, Void> lines = readLines(FILE);
    Generator<String, Object, String> firstMatch = Generator.create(y -> {
      for (String l : lines) if (l.startsWith("c")) return l; // leaves lines suspended
      return null;
    });
    assertEquals(List.of(), collect(firstMatch));
    assertEquals("c weft", firstMatch.returnValue());
    assertEquals(List.of("open", "readLines closed"), log);
    assertEquals(Generator.State.CLOSED, lines.state());
  }

  @Test
  void sourceKeptByTheCaller_isNotClosedWithItsConsumer() {
    Generator<String, Object, Void> lines = readLines(FILE);
    assertEquals("a weft", lines.next()); // the caller iterates it too: it is the caller's
    try (Generator<String, Object, Void> g = grep("weft", lines)) {
      assertEquals("c weft", g.next());
    }
    assertEquals(List.of("open", "grep closed"), log);
    assertEquals(Generator.State.SUSPENDED, lines.state());
    assertEquals("d weft", lines.next());
    lines.close();
    assertTrue(log.contains("readLines closed"));
  }

  @Test
  void sourceIteratedLaterByTheCaller_isReleasedFromItsConsumer() {
    Generator<String, Object, Void> lines = readLines(FILE);
    Generator<String, Object, Void> g = grep("weft", lines);
    assertEquals("a weft", g.next());
    assertEquals("b", lines.next()); // handed elsewhere now
    g.close();
    assertEquals(List.of("open", "grep closed"), log);
    assertEquals("c weft", lines.next());
    lines.close();
  }

  private static <T> List<T> collect(Generator<T, ?, ?> g) {
    List<T> out = new ArrayList<>();
    while (g.hasNext()) out.add(g.next());
    return out;
  }
}

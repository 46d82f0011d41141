package dev.weft.it.snippets;

import java.util.ArrayList;
import java.util.List;

/**
 * One code example cut out of the documentation, with what the docs say about how to check it.
 *
 * <p>The options come from an HTML comment right above a Markdown block (or, for javadoc, from
 * {@link JavadocSnippets#OPTIONS}), one per line:
 *
 * <pre>
 * class NAME      the wrapping class's name (default Snippet), when the code names its own class
 * import X        one more import (java.util.*, java.io.*, java.net.*, java.nio.channels.*,
 *                 java.nio.file.*, java.util.stream.*, StandardCharsets and its constants,
 *                 Weft's API packages, JUnit's Test and Assertions, and Peers, the test's
 *                 network peers, are imported always)
 * member CODE     one more member of the wrapping class: what the example takes as given
 * before CODE     a statement run ahead of the example's own: the state it takes as given
 * then CODE       a statement run after the example's own (or alone, for an example that only
 *                 declares): what uses or checks it
 * in-loop         the statements run inside Asyncio.run(...), as the body of the main coroutine
 * uninstrumented  run the classes as javac wrote them (the example installs Weft itself)
 * compile-only    compile, never run: only where running needs what a test cannot have (say
 *                 which in a comment next to the option)
 * expect TEXT     a line the run must print; "expect TEXT ..." a line that starts with TEXT
 * </pre>
 */
record Snippet(String origin, String code, Options options) {
  record Options(String className, List<String> imports, List<String> members, List<String> before,
                 List<String> then, boolean inLoop, boolean instrumented, boolean run, List<String> expected) {
    static final Options DEFAULT = parse("");

    static Options parse(String text) {
      String className = "Snippet";
      List<String> imports = new ArrayList<>();
      List<String> members = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      List<String> before = new ArrayList<>();
      List<String> then = new ArrayList<>();
      boolean inLoop = false;
      boolean instrumented = true;
      boolean run = true;
      for (String raw : text.split("\n")) {
        String line = raw.strip();
        if (line.isEmpty()) continue;
        String key = line.split("\\s+", 2)[0];
        String value = line.substring(key.length()).strip();
        switch (key) {
          case "class": className = value; break;
          case "import": imports.add(value); break;
          case "member": members.add(value); break;
          case "before": before.add(value); break;
          case "then": then.add(value); break;
          case "expect": expected.add(value); break;
          case "in-loop": inLoop = true; break;
          case "uninstrumented": instrumented = false; break;
          case "compile-only": run = false; break;
          default: throw new IllegalArgumentException("unknown snippet option '" + key + "' in: " + line
              + " (known: class, import, member, before, then, expect, in-loop, uninstrumented, compile-only)");
        }
      }
      return new Options(className, List.copyOf(imports), List.copyOf(members), List.copyOf(before), List.copyOf(then),
          inLoop, instrumented, run, List.copyOf(expected));
    }
  }
}

package dev.weft.it.snippets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code <pre>{@code ...}</pre>} examples in the javadoc of Weft's main public types. Their
 * options (see {@link Snippet}) live here rather than in the sources, keyed
 * {@code Type#n} for a type's n-th example, so that the javadoc reads as plain documentation.
 */
final class JavadocSnippets {
  /** The types whose examples are checked: what a new user reads first, and the types around it. */
  static final List<String> TYPES = List.of(
      "Continuation", "ContinuationScope", "Suspend", "SuspendException", "SuspendableCallable",
      "SuspendableRunnable", "Context", "ContextVar", "Weft",
      "Generator", "Yielder", "GeneratorExit", "StopIteration",
      "Greenlet", "GreenletExit", "GreenletError",
      "Asyncio", "Future", "Task", "Coroutine", "Awaitable", "EventLoop", "Runner", "VirtualTime",
      "TaskGroup", "TimeoutError", "CancelledError", "Queue", "PriorityQueue", "LifoQueue",
      "AsyncioTest");

  static final Map<String, String> OPTIONS = Map.ofEntries(
      Map.entry("Continuation#1", "expect one\nexpect two"),
      Map.entry("Context#1", "expect anonymous\nexpect ada"),
      Map.entry("Weft#1", "class App\nmember static void run() { System.out.println(\"running\"); }\nuninstrumented\nexpect running"),
      Map.entry("Weft#2", "member static Void serve() throws Suspend { Asyncio.await(Asyncio.sleep(0)); System.out.println(\"served\"); return null; }\n"
          + "uninstrumented\nexpect served"),
      Map.entry("Generator#1", "expect 0\nexpect 4"),
      Map.entry("GeneratorExit#1", "expect cleaned up"),
      Map.entry("StopIteration#1", "expect done"),
      Map.entry("Greenlet#1", "expect 12\nexpect 56\nexpect 34"),
      Map.entry("Greenlet#2", "expect echo a\nexpect echo b"),
      Map.entry("Greenlet#3", "member static final Greenlet main = Greenlet.current();\n"
          + "member static Object worker(Greenlet main) throws Suspend { return main.switchTo(); }"),
      Map.entry("GreenletExit#1", "member static void cleanup() { System.out.println(\"cleanup ran\"); }\nexpect cleanup ran"),
      Map.entry("Asyncio#2", "in-loop\nmember static Object work() throws Suspend { Asyncio.await(Asyncio.sleep(0)); return null; }"),
      Map.entry("Asyncio#3", "compile-only"),
      Map.entry("Asyncio#4", "compile-only\nimport javax.net.ssl.SSLContext\nimport static java.nio.charset.StandardCharsets.US_ASCII"),
      Map.entry("SuspendException#1", "member static final ContinuationScope scope = new ContinuationScope(\"demo\");"),
      Map.entry("SuspendableCallable#1", "member static final ContinuationScope scope = new ContinuationScope(\"demo\");"),
      Map.entry("SuspendableRunnable#1", "member static final ContinuationScope scope = new ContinuationScope(\"demo\");"),
      Map.entry("ContextVar#1", "member static void log(String what) { System.out.println(what + \" \" + REQUEST_ID.get()); }\nexpect handling r-42"),
      Map.entry("ContextVar#2", "member static final class MDC { static void put(String k, String v) { } static void remove(String k) { } }"),
      Map.entry("Asyncio#6", "in-loop"),
      Map.entry("Asyncio#5", "in-loop\nmember static final Server.ClientConnected handler = (r, w) -> null;"),
      Map.entry("GreenletError#1", "member static Greenlet otherThreadsGreenlet;\ncompile-only"),
      Map.entry("Task#1", "expect sleeper"),
      Map.entry("Task#2", "in-loop\nmember static Object handler() throws Suspend { Asyncio.await(Asyncio.sleep(0.01)); return null; }"),
      Map.entry("Coroutine#1", "member static void unused() {}"),
      Map.entry("EventLoop#1", "expect first"),
      Map.entry("Runner#1", "member static Object connect() throws Suspend { return null; }\nmember static String work() throws Suspend { return \"worked\"; }"),
      Map.entry("Awaitable#1", "in-loop"),
      Map.entry("TaskGroup#1", "in-loop"),
      Map.entry("TimeoutError#1", "in-loop"),
      Map.entry("CancelledError#1", "in-loop"),
      Map.entry("Queue#1", "in-loop"));

  private static final Pattern PRE = Pattern.compile("<pre>\\{@code[ \\t]*\\n(.*?)\\n\\s*\\*\\s*\\}</pre>", Pattern.DOTALL);
  private static final Pattern MARGIN = Pattern.compile("^\\s*\\* ?", Pattern.MULTILINE);

  private JavadocSnippets() {}

  static List<Snippet> read(Path root) throws IOException {
    List<Snippet> snippets = new ArrayList<>();
    for (String type : TYPES) {
      Path file = find(root, type);
      String source = Files.readString(file);
      Matcher m = PRE.matcher(source);
      int n = 0;
      while (m.find()) {
        n++;
        String key = type + "#" + n;
        int line = 1 + (int) source.substring(0, m.start(1)).chars().filter(c -> c == '\n').count();
        String code = MARGIN.matcher(m.group(1)).replaceAll("").replace("&#64;", "@") + "\n";
        snippets.add(new Snippet(root.relativize(file) + ":" + line + " (" + key + ")", code,
            Snippet.Options.parse(OPTIONS.getOrDefault(key, ""))));
      }
      if (n == 0) throw new AssertionError(file + " has no <pre>{@code ...}</pre> example any more: update JavadocSnippets.TYPES");
    }
    return snippets;
  }

  /** The main source of a public type, in whichever module keeps it. */
  static Path find(Path root, String type) throws IOException {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path src : (Iterable<Path>) modules.map(d -> d.resolve("src/main/java/dev/weft"))::iterator) {
        if (!Files.isDirectory(src)) continue;
        try (Stream<Path> files = Files.walk(src)) {
          files.filter(p -> p.getFileName().toString().equals(type + ".java"))
              .filter(p -> !src.relativize(p).toString().replace('\\', '/').contains("internal/"))
              .forEach(found::add);
        }
      }
    }
    if (found.size() != 1) throw new AssertionError("expected one main source of " + type + ", found " + found);
    return found.get(0);
  }
}

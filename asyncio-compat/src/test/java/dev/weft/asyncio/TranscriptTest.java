package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.asyncio.internal.loop.ManualClock;
import dev.weft.continuations.Suspend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * The loop's order of task steps and callbacks against transcripts recorded from CPython
 * (SEMANTICS A1-A4, A22, A24, A27, AF13-AF14, AF22, A20). {@code transcripts/make_transcripts.py}
 * generates random programs of tasks, runs them on CPython's loop with virtual time and records
 * what they log; this interpreter runs the same programs on Weft's loop with a manual clock.
 */
@Timeout(60)
class TranscriptTest {
  private static final double UNIT = 0.1;

  record Program(String name, Map<Integer, List<String[]>> tasks, List<String> expected) {}

  @TestFactory
  Stream<DynamicTest> everyProgram_logsWhatCPythonLogged() throws IOException {
    return load().stream().map(p -> DynamicTest.dynamicTest(p.name(), () -> {
      List<String> log = new ArrayList<>();
      EventLoop loop = new EventLoop(new ManualClock());
      Runners.run(Asyncio.async(() -> runTask(p, 0, log, new HashMap<>())), loop);
      assertEquals(String.join(" | ", p.expected()), String.join(" | ", log), p.toString());
    }));
  }

  static Void runTask(Program p, int tid, List<String> log, Map<Integer, Task<Void>> handles) throws Suspend {
    EventLoop loop = Asyncio.getRunningLoop();
    try {
      for (String[] op : p.tasks().get(tid)) {
        switch (op[0]) {
          case "log":
            log.add("T" + tid + ":" + op[1]);
            break;
          case "sleep":
            Asyncio.await(Asyncio.sleep(Integer.parseInt(op[1]) * UNIT));
            break;
          case "soon":
            loop.callSoon(() -> log.add("cb:" + op[1]));
            break;
          case "later":
            loop.callLater(Integer.parseInt(op[1]) * UNIT, () -> log.add("cb:" + op[2]));
            break;
          case "spawn": {
            int k = Integer.parseInt(op[1]);
            handles.put(k, Asyncio.createTask(Asyncio.async(() -> runTask(p, k, log, handles))));
            break;
          }
          case "await": {
            int k = Integer.parseInt(op[1]);
            try {
              Asyncio.await(handles.get(k));
              log.add("T" + tid + ":joined " + k);
            } catch (CancelledError e) {
              log.add("T" + tid + ":join " + k + " cancelled");
            }
            break;
          }
          case "cancel":
            handles.get(Integer.parseInt(op[1])).cancel();
            log.add("T" + tid + ":cancel " + op[1]);
            break;
          case "gather": {
            int a = Integer.parseInt(op[1]);
            int b = Integer.parseInt(op[2]);
            List<Object> r = Asyncio.await(Asyncio.gather(true,
                Asyncio.async(() -> runTask(p, a, log, handles)), Asyncio.async(() -> runTask(p, b, log, handles))));
            StringBuilder s = new StringBuilder("T" + tid + ":gathered");
            for (Object v : r) s.append(v instanceof Throwable ? " x" : " ok");
            log.add(s.toString());
            break;
          }
          default:
            throw new IllegalArgumentException("unknown operation " + op[0]);
        }
      }
      log.add("T" + tid + ":end");
    } catch (CancelledError e) {
      log.add("T" + tid + ":cancelled");
      throw e;
    }
    return null;
  }

  static List<Program> load() throws IOException {
    List<Program> programs = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        TranscriptTest.class.getResourceAsStream("/transcripts/transcripts.txt"), StandardCharsets.UTF_8))) {
      String name = null;
      Map<Integer, List<String[]>> tasks = null;
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("program ")) {
          name = line;
          tasks = new HashMap<>();
        } else if (line.startsWith("task ")) {
          int colon = line.indexOf(':');
          int id = Integer.parseInt(line.substring(5, colon));
          List<String[]> ops = new ArrayList<>();
          for (String op : line.substring(colon + 1).split(";")) {
            if (!op.isBlank()) ops.add(op.trim().split(" "));
          }
          tasks.put(id, ops);
        } else if (line.startsWith("expect: ")) {
          programs.add(new Program(name, tasks, List.of(line.substring("expect: ".length()).split(" \\| "))));
        }
      }
    }
    return programs;
  }
}

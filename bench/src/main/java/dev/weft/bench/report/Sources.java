package dev.weft.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the raw results of one run: JMH's CSV ({@code -rf csv}) and the tab-separated lines the
 * Python peers and the heap probes print ({@code workload<TAB>system<TAB>score<TAB>unit}).
 */
final class Sources {
  /** JMH results by {@code Class.method} plus {@code [param=value,...]} when parametrised. */
  final Map<String, Measurement> jmh = new HashMap<>();
  /** Other results by workload, then system. */
  final Map<String, Map<String, Measurement>> tables = new HashMap<>();

  void readJmhCsv(Path csv) throws IOException {
    if (!Files.exists(csv)) return;
    List<String> lines = Files.readAllLines(csv);
    if (lines.isEmpty()) return;
    List<String> header = split(lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = split(line);
      String name = f.get(0);
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      StringBuilder params = new StringBuilder();
      for (int i = 0; i < header.size(); i++) {
        if (header.get(i).startsWith("Param: ") && i < f.size() && !f.get(i).isEmpty()) {
          params.append(params.length() == 0 ? "[" : ",").append(header.get(i).substring(7)).append('=').append(f.get(i));
        }
      }
      if (params.length() > 0) params.append(']');
      double error = parse(f.get(header.indexOf("Score Error (99.9%)")));
      jmh.put(name + params, new Measurement(parse(f.get(header.indexOf("Score"))), error, f.get(header.indexOf("Unit"))));
    }
  }

  void readTsv(Path tsv) throws IOException {
    if (!Files.exists(tsv)) return;
    for (String line : Files.readAllLines(tsv)) {
      String[] f = line.split("\t");
      if (f.length < 4) continue;
      tables.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1], new Measurement(parse(f[2]), Double.NaN, f[3]));
    }
  }

  Measurement find(String workload, String system, String key) {
    if (key != null) return jmh.get(key);
    Map<String, Measurement> row = tables.get(workload);
    return row == null ? null : row.get(system);
  }

  private static double parse(String s) {
    try {
      return Double.parseDouble(s.replace("\"", ""));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else cur.append(c);
    }
    out.add(cur.toString());
    return out;
  }
}

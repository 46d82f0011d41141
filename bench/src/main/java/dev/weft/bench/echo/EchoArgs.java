package dev.weft.bench.echo;

import java.util.ArrayList;
import java.util.List;

/** The echo benchmarks' command line: {@code [--quick] [system...]}, the systems defaulting to all. */
record EchoArgs(boolean quick, List<String> systems) {
  static EchoArgs parse(String[] args, List<String> all) {
    boolean quick = false;
    List<String> wanted = new ArrayList<>();
    for (String a : args) {
      if (a.equals("--quick")) quick = true;
      else wanted.add(a);
    }
    return new EchoArgs(quick, wanted.isEmpty() ? all : List.copyOf(wanted));
  }
}

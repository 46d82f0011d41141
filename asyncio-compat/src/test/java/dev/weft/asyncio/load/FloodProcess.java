package dev.weft.asyncio.load;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link EchoFlood} in a child JVM, driven line by line: wait for OPEN, let it go, read DONE. */
final class FloodProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;

  FloodProcess(int port, int connections, int rounds) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process = new ProcessBuilder(List.of(java, "-Xss256k", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        EchoFlood.class.getName(), "127.0.0.1", Integer.toString(port), Integer.toString(connections),
        Integer.toString(rounds))).redirectErrorStream(true).start();
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), US_ASCII));
  }

  /** The next line starting with {@code word} (other output is echoed), split on spaces. */
  String[] expect(String word) throws IOException {
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith(word + " ")) return line.split(" ");
      if (line.startsWith("FAIL ")) throw new AssertionError("the flood peer failed: " + line);
      System.out.println("flood: " + line);
    }
    throw new AssertionError("the flood peer ended before " + word + " (exit " + waitExit() + ")");
  }

  void go() throws IOException {
    OutputStream in = process.getOutputStream();
    in.write('\n');
    in.flush();
  }

  private int waitExit() {
    try {
      return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}

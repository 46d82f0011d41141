package dev.weft.asyncio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The CPython transcripts kept under {@code src/test/resources/transcripts/}: one scenario a line. */
final class Transcripts {
  private Transcripts() {}

  /** What {@code scenario} logged in {@code /transcripts/<file>}, its parts joined by " | ". */
  static String recorded(String file, String scenario) {
    String resource = "/transcripts/" + file;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        Transcripts.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      String prefix = scenario + ": ";
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith(prefix)) return line.substring(prefix.length());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("no scenario " + scenario + " in " + resource);
  }
}

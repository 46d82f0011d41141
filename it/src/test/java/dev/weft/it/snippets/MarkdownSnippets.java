package dev.weft.it.snippets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every {@code ```java} block of a Markdown file, with the options of an HTML comment
 * {@code <!-- snippet ... -->} right above it (see {@link Snippet}).
 */
final class MarkdownSnippets {
  private static final Pattern BLOCK = Pattern.compile(
      "(?:<!--\\s*snippet\\b(?<options>(?:(?!-->).)*)-->\\s*\\n)?```java[ \\t]*\\n(?<code>.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);

  private MarkdownSnippets() {}

  static List<Snippet> read(String fileName, String markdown) {
    List<Snippet> snippets = new ArrayList<>();
    Matcher m = BLOCK.matcher(markdown);
    while (m.find()) {
      int line = 1 + (int) markdown.substring(0, m.start("code")).chars().filter(c -> c == '\n').count();
      String options = m.group("options") == null ? "" : m.group("options");
      snippets.add(new Snippet(fileName + ":" + line, m.group("code"), Snippet.Options.parse(options)));
    }
    return snippets;
  }
}

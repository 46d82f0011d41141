package dev.weft.it.snippets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A snippet made into a compilation unit. Documentation shows fragments, so the code is cut into
 * top-level chunks (a line that starts in column 0 and the indented or closing lines below it):
 * a chunk that declares something (an annotation, a modifier, a method header) becomes a member of
 * the wrapping class, any other chunk a statement of its {@code snippet()} method, which a
 * generated {@code main} calls. Code that declares a type of its own is compiled as it stands.
 */
final class SnippetSource {
  static final List<String> IMPORTS = List.of(
      "java.io.*", "java.net.*", "java.nio.channels.*", "java.nio.charset.StandardCharsets",
      "static java.nio.charset.StandardCharsets.*", "java.nio.file.*", "java.util.*", "java.util.stream.*",
      "dev.weft.continuations.*", "dev.weft.continuations.instrument.Weft",
      "dev.weft.generators.*", "dev.weft.greenlet.*", "dev.weft.asyncio.*",
      // Weft's over java.util's, as the docs mean them
      "dev.weft.asyncio.Queue", "dev.weft.asyncio.PriorityQueue",
      "dev.weft.junit.AsyncioTest", "org.junit.jupiter.api.Test",
      "static org.junit.jupiter.api.Assertions.*",
      // the far ends of the network examples
      "dev.weft.it.snippets.Peers");

  private static final Pattern MEMBER = Pattern.compile(
      "^(?:@\\w+|(?:public|protected|private|static|final|abstract|synchronized)\\b"
      + "|[\\w<>\\[\\], ?.]+\\s+\\w+\\s*\\([^;]*\\)\\s*(?:throws\\s+[\\w., ]+)?\\s*\\{.*$)");
  private static final Pattern TYPE = Pattern.compile(
      "^(?:public\\s+)?(?:(?:final|abstract)\\s+)*(?:class|interface|record|enum)\\s+(\\w+)", Pattern.MULTILINE);
  private static final Pattern MAIN = Pattern.compile("\\bstatic\\s+void\\s+main\\s*\\(");

  final String packageName;
  /** The public class of the compilation unit, which names its file. */
  final String className;
  /** The class whose {@code main} runs the snippet: {@link #className}, or a driver beside a whole class. */
  final String mainClass;
  final String text;
  /** Whether running it means anything: it has a main, or statements to put into one. */
  final boolean runnable;

  /** The chunks of a fragment; members and statements in their order. */
  record Chunks(List<String> imports, List<String> members, List<String> statements) {}

  SnippetSource(Snippet s, String packageName) {
    this.packageName = packageName;
    Chunks chunks = split(s.code());
    StringBuilder out = new StringBuilder("package " + packageName + ";\n\n");
    for (String i : IMPORTS) out.append("import ").append(i).append(";\n");
    for (String i : s.options().imports()) out.append("import ").append(i).append(";\n");
    for (String i : chunks.imports()) out.append(i).append('\n');
    out.append('\n');
    List<String> statements = new ArrayList<>();
    for (String b : s.options().before()) statements.add(b + "\n");
    statements.addAll(chunks.statements());
    for (String t : s.options().then()) statements.add(t + "\n");
    String body = String.join("", chunks.members()) + String.join("", chunks.statements());
    Matcher type = TYPE.matcher(body);
    if (type.find() && chunks.statements().isEmpty() && chunks.members().size() == 1) {
      // a whole class: the options' members go in before its last brace, their statements into a driver beside it
      className = type.group(1);
      int last = body.lastIndexOf('}');
      out.append(body, 0, last);
      for (String m : s.options().members()) out.append("  ").append(m).append('\n');
      out.append(body.substring(last));
      if (statements.isEmpty()) {
        mainClass = className;
        runnable = MAIN.matcher(body).find();
      } else {
        mainClass = className + "Driver";
        out.append("\nclass ").append(mainClass).append(" {\n");
        appendMain(out, statements, s.options().inLoop());
        out.append("}\n");
        runnable = true;
      }
    } else {
      className = s.options().className();
      mainClass = className;
      out.append("public class ").append(className).append(" {\n");
      for (String m : chunks.members()) out.append(m);
      for (String m : s.options().members()) out.append(m).append('\n');
      boolean hasMain = chunks.members().stream().anyMatch(m -> MAIN.matcher(m).find())
          || s.options().members().stream().anyMatch(m -> MAIN.matcher(m).find());
      if (!statements.isEmpty()) {
        if (hasMain) {
          out.append("static void snippet() throws Exception {\n");
          appendBody(out, statements, s.options().inLoop());
          out.append("}\n");
        } else {
          appendMain(out, statements, s.options().inLoop());
        }
      }
      out.append("}\n");
      runnable = hasMain || !statements.isEmpty();
    }
    text = out.toString();
  }

  private static void appendMain(StringBuilder out, List<String> statements, boolean inLoop) {
    out.append("static void snippet() throws Exception {\n");
    appendBody(out, statements, inLoop);
    out.append("}\n");
    out.append("public static void main(String[] args) throws Exception { snippet(); }\n");
  }

  /**
   * The statements, or with {@code inLoop} the body of {@code Asyncio.run}'s main coroutine, which
   * may throw checked exceptions as an {@code async def} that declares them would (a
   * {@code catch (Exception e)} never sees a suspension: no {@code Suspend} is ever thrown).
   */
  private static void appendBody(StringBuilder out, List<String> statements, boolean inLoop) {
    if (inLoop) out.append("Asyncio.run(() -> {\ntry {\n");
    for (String st : statements) out.append(st);
    if (inLoop) {
      out.append("} catch (RuntimeException | Error e) {\nthrow e;\n} catch (Exception e) {\nthrow new IllegalStateException(e);\n}\n");
      out.append("return null;\n});\n");
    }
  }

  String qualifiedName() {
    return packageName + "." + mainClass;
  }

  /** A chunk so far made of annotations only: the declaration they annotate comes next. */
  private static boolean annotationsOnly(StringBuilder chunk) {
    if (chunk == null) return false;
    return chunk.toString().lines().filter(l -> !l.isBlank() && !l.startsWith("//")).allMatch(l -> l.startsWith("@"));
  }

  static Chunks split(String code) {
    List<String> imports = new ArrayList<>();
    List<String> members = new ArrayList<>();
    List<String> statements = new ArrayList<>();
    StringBuilder chunk = null;
    StringBuilder comments = new StringBuilder();
    boolean member = false;
    for (String line : code.split("\n", -1)) {
      boolean top = !line.isEmpty() && !Character.isWhitespace(line.charAt(0));
      if (top && line.startsWith("import ")) {
        imports.add(line);
      } else if (top && line.startsWith("//")) {
        comments.append(line).append('\n');
      } else if (top && !line.startsWith("}") && !line.startsWith(")") && !annotationsOnly(chunk)) {
        if (chunk != null) (member ? members : statements).add(chunk.toString());
        chunk = new StringBuilder(comments).append(line).append('\n');
        comments.setLength(0);
        member = MEMBER.matcher(line).find();
      } else if (chunk != null) {
        chunk.append(comments).append(line).append('\n');
        comments.setLength(0);
      }
    }
    if (chunk != null) {
      chunk.append(comments);
      (member ? members : statements).add(chunk.toString());
    }
    return new Chunks(imports, members, statements);
  }
}

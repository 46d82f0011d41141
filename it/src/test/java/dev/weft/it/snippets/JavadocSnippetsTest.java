package dev.weft.it.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JavadocSnippetsTest {
  static String example(String indent, String code) {
    return indent + " * <pre>{@code\n" + code.lines().map(l -> indent + " * " + l + "\n").collect(Collectors.joining()) + indent + " * }</pre>\n";
  }

  static List<String> keys(List<JavadocSnippets.Example> examples) {
    return examples.stream().map(JavadocSnippets.Example::key).collect(Collectors.toList());
  }

  static final String API = String.join("",
      "package p;\n\n",
      "/**\n * The type.\n *\n", example("", "Api.open();"), example("", "Api.close();"), " */\n",
      "public final class Api {\n",
      "  /**\n   * Opens.\n   *\n", example("  ", "Api.open();"), "   */\n",
      "  @Deprecated\n",
      "  public static void open() {}\n\n",
      "  /** No example: a plain comment. */\n",
      "  public static void close() {}\n\n",
      "  /**\n", example("  ", "Api.connect(\"h\", 1);"), "   */\n",
      "  public static void connect(String host, int port) {}\n\n",
      "  /**\n", example("  ", "Api.connect(\"h\", 1, null);"), "   */\n",
      "  public static void connect(String host, int port, java.util.function.Consumer<? super String> log) {}\n\n",
      "  /**\n", example("  ", "new Api();"), "   */\n",
      "  public Api() {}\n\n",
      "  /** A nested type.\n   *\n", example("  ", "Api.Handler h = x -> {};"), "   */\n",
      "  public interface Handler {\n",
      "    /**\n", example("    ", "h.handle(1);"), "     */\n",
      "    void handle(int x);\n",
      "  }\n",
      "}\n");

  @Test
  void keys_nameWhatTheExampleDocuments() throws Exception {
    List<String> problems = new ArrayList<>();
    List<JavadocSnippets.Example> found = JavadocSnippets.examples("m/src/main/java/p/Api.java", API, problems);
    assertEquals(List.of(), problems);
    assertEquals(List.of("Api", "Api[2]", "Api#open", "Api#connect(String, int)", "Api#connect(String, int, Consumer)",
        "Api#Api", "Api.Handler", "Api.Handler#handle"), keys(found));
    assertEquals("m/src/main/java/p/Api.java:6", found.get(0).origin());
    assertEquals("Api.open();\n", found.get(0).code());
  }

  @Test
  void packageInfo_isKeyedByThePackage() throws Exception {
    String source = "/**\n * The package.\n *\n" + example("", "System.out.println(1);") + " */\npackage dev.weft.x;\n";
    List<String> problems = new ArrayList<>();
    assertEquals(List.of("dev.weft.x"), keys(JavadocSnippets.examples("m/src/main/java/dev/weft/x/package-info.java", source, problems)));
    assertEquals(List.of(), problems);
  }

  /** A package-private superclass: javadoc publishes its public members as its public subclasses'. */
  @Test
  void nonPublicType_onlyItsPublicAndProtectedMembersCount() throws Exception {
    String source = String.join("",
        "package p;\n/**\n", example("", "class-level();"), " */\n",
        "abstract class Base {\n",
        "  /**\n", example("  ", "published();"), "   */\n",
        "  public void published() {}\n",
        "  /**\n", example("  ", "hidden();"), "   */\n",
        "  void hidden() {}\n",
        "}\n");
    List<String> problems = new ArrayList<>();
    assertEquals(List.of("Base#published"), keys(JavadocSnippets.examples("Base.java", source, problems)));
    assertEquals(List.of(), problems);
  }

  @Test
  void otherLanguages_areSkippedByTheirMarker_andUnmarkedXmlIsAnError() throws Exception {
    String source = String.join("",
        "package p;\n/**\n",
        " * <pre class=\"language-xml\">{@code\n * <plugin/>\n * }</pre>\n",
        " * <pre class=\"language-sh\">{@code\n * java -jar app.jar\n * }</pre>\n",
        " */\npublic class Plugin {\n",
        "  /**\n", example("  ", "<dependency/>"), "   */\n",
        "  public void a() {}\n",
        "  /**\n   * <pre class=\"language-kotlin\">{@code\n   * val x = 1\n   * }</pre>\n   */\n",
        "  public void b() {}\n",
        "}\n");
    List<String> problems = new ArrayList<>();
    List<JavadocSnippets.Example> found = JavadocSnippets.examples("Plugin.java", source, problems);
    assertEquals(List.of("Plugin", "Plugin[2]", "Plugin#a", "Plugin#b"), keys(found));
    assertEquals("xml", found.get(0).language());
    assertEquals("sh", found.get(1).language());
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("(Plugin#a) looks like XML: open it with <pre class=\"language-xml\">"), problems.get(0));
    assertTrue(problems.get(1).contains("language-kotlin"), problems.get(1));

    JavadocSnippets.Found read = JavadocSnippets.withOptions(found.subList(0, 2), Map.of(), new ArrayList<>());
    assertEquals(List.of(), read.snippets());
    assertEquals(2, read.skipped().size());
  }

  @Test
  void anExampleTheReaderCannotCut_isAnError() throws Exception {
    String source = "package p;\n/**\n * <pre>{@code Api.open(); }</pre>\n */\npublic class Api {}\n";
    List<String> problems = new ArrayList<>();
    assertEquals(List.of(), JavadocSnippets.examples("Api.java", source, problems));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("Api.java: 1 <pre>{@code examples open, 0 read"), problems.get(0));
  }

  @Test
  void staleOptionsKey_isAnError_namingTheTypesExamples() throws Exception {
    List<String> problems = new ArrayList<>();
    List<JavadocSnippets.Example> found = JavadocSnippets.examples("m/src/main/java/p/Api.java", API, problems);
    JavadocSnippets.Found read = JavadocSnippets.withOptions(found,
        Map.of("Api#open", "expect 1", "Api#connect", "in-loop", "Gone", "in-loop"), problems);
    assertEquals(8, read.snippets().size());
    assertEquals(List.of("1"), read.snippets().get(2).options().expected());
    assertEquals("m/src/main/java/p/Api.java:17 (Api#open)", read.snippets().get(2).origin());
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("JavadocSnippets.OPTIONS has Api#connect, which matches no javadoc example"), problems.get(0));
    assertTrue(problems.get(0).contains("Api#connect(String, int)"), problems.get(0));
    assertTrue(problems.get(1).startsWith("JavadocSnippets.OPTIONS has Gone, which matches no javadoc example"), problems.get(1));
  }

  @Test
  void simpleType_dropsGenericsAndPackages() {
    assertEquals("Consumer", JavadocSnippets.simpleType("java.util.function.Consumer<? super T>"));
    assertEquals("Map", JavadocSnippets.simpleType("Map<String, List<Integer>>"));
    assertEquals("Server.ClientConnected", JavadocSnippets.simpleType("dev.weft.asyncio.Server.ClientConnected"));
    assertEquals("String[]", JavadocSnippets.simpleType("String[]"));
  }
}

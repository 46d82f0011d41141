package dev.weft.it.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SnippetSourceTest {
  static Snippet snippet(String code, String options) {
    return new Snippet("test", code, Snippet.Options.parse(options));
  }

  @Test
  void split_declarationsBecomeMembers_theRestStatements() {
    SnippetSource.Chunks c = SnippetSource.split(String.join("\n",
        "import java.time.Duration;",
        "static final ContinuationScope TICKS = new ContinuationScope(\"ticks\");",
        "",
        "// a comment goes with what follows",
        "static void loop(int n) throws Suspend {",
        "  Continuation.suspend(TICKS);",
        "}",
        "",
        "Continuation k = new Continuation(TICKS, () -> loop(3));",
        "while (true) {",
        "  k.run();",
        "}",
        "@Test",
        "void t() {",
        "}",
        "void helper() throws Suspend {",
        "}",
        ""));
    assertEquals(List.of("import java.time.Duration;"), c.imports());
    assertEquals(4, c.members().size(), c.members().toString());
    assertTrue(c.members().get(0).startsWith("static final ContinuationScope TICKS"), c.members().get(0));
    assertTrue(c.members().get(1).startsWith("// a comment goes with what follows\nstatic void loop"), c.members().get(1));
    assertTrue(c.members().get(2).startsWith("@Test\nvoid t() {"), c.members().get(2));
    assertTrue(c.members().get(3).startsWith("void helper()"), c.members().get(3));
    assertEquals(2, c.statements().size(), c.statements().toString());
    assertTrue(c.statements().get(1).startsWith("while (true) {\n  k.run();\n}"), c.statements().get(1));
  }

  @Test
  void statements_getAMain_membersAloneDoNot() {
    SnippetSource program = new SnippetSource(snippet("System.out.println(1);\n", ""), "p1");
    assertTrue(program.runnable);
    assertTrue(program.text.contains("public static void main(String[] args) throws Exception { snippet(); }"), program.text);
    SnippetSource members = new SnippetSource(snippet("@Test\nvoid t() {}\n", ""), "p2");
    assertFalse(members.runnable);
    SnippetSource ownMain = new SnippetSource(snippet("public static void main(String[] args) {}\n", "class App"), "p3");
    assertTrue(ownMain.runnable);
    assertEquals("p3.App", ownMain.qualifiedName());
  }

  @Test
  void inLoop_runsTheStatementsAsTheMainCoroutine() {
    SnippetSource s = new SnippetSource(snippet("Asyncio.await(Asyncio.sleep(0));\n", "in-loop"), "p");
    assertTrue(s.text.matches("(?s).*Asyncio\\.run\\(\\(\\) -> \\{\\s*try \\{\\s*Asyncio\\.await\\(Asyncio\\.sleep\\(0\\)\\);\\s*\\} catch .*return null;\\s*\\}\\);.*"), s.text);
  }

  @Test
  void beforeAndThen_surroundTheExamplesStatements_evenInTheLoop() {
    SnippetSource s = new SnippetSource(snippet("int x = 1;\n", "in-loop\nbefore int y = 2;\nthen System.out.println(x + y);"), "p");
    assertTrue(s.text.matches("(?s).*Asyncio\\.run\\(\\(\\) -> \\{\\s*try \\{\\s*int y = 2;\\s*int x = 1;\\s*System\\.out\\.println\\(x \\+ y\\);.*"), s.text);
    SnippetSource declares = new SnippetSource(snippet("static int twice(int v) {\n  return 2 * v;\n}\n", "then System.out.println(twice(2));"), "p");
    assertTrue(declares.runnable);
    assertTrue(declares.text.contains("static void snippet() throws Exception {\nSystem.out.println(twice(2));\n}"), declares.text);
  }

  @Test
  void aWholeClass_withThen_runsFromADriverBesideIt() {
    SnippetSource s = new SnippetSource(snippet("final class Countdown {\n  int n = 3;\n}\n", "then System.out.println(new Countdown().n);"), "p");
    assertEquals("Countdown", s.className);
    assertEquals("p.CountdownDriver", s.qualifiedName());
    assertTrue(s.runnable);
    assertTrue(s.text.contains("class CountdownDriver {\nstatic void snippet() throws Exception {\nSystem.out.println(new Countdown().n);"), s.text);
  }

  @Test
  void aWholeClass_keepsItsName_andTakesTheOptionsMembers() {
    SnippetSource s = new SnippetSource(snippet(
        "public final class App {\n  public static void main(String[] args) { serve(); }\n}\n",
        "member static void serve() {}"), "p");
    assertEquals("App", s.className);
    assertTrue(s.runnable);
    assertTrue(s.text.contains("  static void serve() {}\n}"), s.text);
  }

  @Test
  void markdown_optionsComment_andLineNumbers() {
    List<Snippet> found = MarkdownSnippets.read("X.md", String.join("\n",
        "text", "<!-- snippet", "expect 4", "uninstrumented", "-->", "```java", "int x = 4;", "```",
        "", "```java", "int y;", "```", ""));
    assertEquals(2, found.size());
    assertEquals("X.md:7", found.get(0).origin());
    assertEquals("int x = 4;\n", found.get(0).code());
    assertEquals(List.of("4"), found.get(0).options().expected());
    assertFalse(found.get(0).options().instrumented());
    assertEquals(Snippet.Options.DEFAULT, found.get(1).options());
  }

  @Test
  void unknownOption_isRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Snippet.Options.parse("exepct 4"));
    assertTrue(e.getMessage().contains("'exepct'"), e.getMessage());
  }
}

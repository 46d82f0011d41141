package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * weft-junit on the module path: a user's project with a {@code module-info.java}
 * ({@code com.example:modular:2.3.0}, its dependencies the README's snippet), whose tests surefire
 * runs as it does for any modular project, the test classes patched into the main module. The
 * tests use {@code @AsyncioTest} and suspending lambdas of the test class with weft-junit as the
 * only set-up: no build plugin, agent or argLine. What such a module must declare is in the
 * README's testing section; this project declares exactly that.
 *
 * <p>Uses {@link ReadmeProjectIT}'s throwaway local repository and Maven runs.
 */
class ModularJunitIT {
  static final Path PROJECT = ReadmeProjectIT.WORK.resolve("modular");

  @BeforeAll
  static void writeProject() throws Exception {
    ReadmeProjectIT.deleteTree(ReadmeProjectIT.REPO.resolve("dev/weft"));
    ReadmeProjectIT.deleteTree(PROJECT);
    Files.createDirectories(ReadmeProjectIT.WORK);
    ReadmeProjectIT.installWeft();
    ReadmeProjectIT.writeSettings();
    String readme = Files.readString(ReadmeProjectIT.ROOT.resolve("README.md"));
    ReadmeProjectIT.copyTemplate("modular-project", PROJECT, Map.of(
        "@DEPENDENCIES@", ReadmeProjectIT.snippet(readme, "dependencies")));
  }

  @Test
  void mvnTest_onTheModulePath_runsAsyncioTestsAndSuspendingLambdas() throws Exception {
    String out = ReadmeProjectIT.mvnIn(PROJECT, "test");
    // one of the five checks that the tests ran in the named module, not on the class path
    Matcher m = Pattern.compile("Tests run: (\\d+), Failures: 0, Errors: 0, Skipped: 0\\s*$", Pattern.MULTILINE).matcher(out);
    assertTrue(m.find(), out);
    assertEquals(6, Integer.parseInt(m.group(1)), out);
  }
}

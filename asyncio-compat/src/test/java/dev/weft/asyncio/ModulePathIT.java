package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.instrument.WeftPlugin;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import net.bytebuddy.build.Plugin;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weft's jars as JPMS modules: an application module that requires {@code dev.weft.asyncio}
 * compiles against them, is instrumented at build time (Byte Buddy's plugin engine with
 * {@link WeftPlugin}, as the Maven plugin runs it) and runs on the module path with generators,
 * a greenlet and an event loop, with neither Byte Buddy nor ASM on the module path.
 */
class ModulePathIT {
  static final Set<String> WEFT = Set.of("dev.weft.continuations", "dev.weft.generators", "dev.weft.greenlet", "dev.weft.asyncio");

  static final String MODULE_INFO = "module weft.demo { requires dev.weft.asyncio; }\n";
  static final String MAIN = String.join("\n",
      "package demo;",
      "import dev.weft.asyncio.Asyncio;",
      "import dev.weft.continuations.Suspend;",
      "import dev.weft.generators.Generator;",
      "import dev.weft.greenlet.Greenlet;",
      "public class Main {",
      "  static Generator<Integer, Object, Void> squares(int n) {",
      "    return Generator.of(y -> { for (int i = 0; i < n; i++) y.yield(i * i); });",
      "  }",
      "  static String fetch(String what) throws Suspend {",
      "    Asyncio.await(Asyncio.sleep(0.01));",
      "    return what;",
      "  }",
      "  public static void main(String[] args) throws Exception {",
      "    StringBuilder out = new StringBuilder();",
      "    for (int v : squares(4)) out.append(v).append(' ');",
      "    Greenlet main = Greenlet.current();",
      "    Greenlet g = new Greenlet(a -> { main.switchTo(\"ping\"); return \"done\"; });",
      "    out.append(g.switchTo()).append(' ').append(g.switchTo()).append(' ');",
      "    out.append(Asyncio.run(() -> fetch(\"async\")));",
      "    out.append(' ').append(Main.class.getModule().getName());",
      "    out.append(' ').append(ModuleLayer.boot().findModule(\"net.bytebuddy\").isPresent());",
      "    System.out.println(out);",
      "  }",
      "}",
      "");

  @TempDir Path dir;

  @Test
  void applicationModule_compilesInstrumentsAndRunsOnTheModulePath() throws Exception {
    List<Path> weft = new ArrayList<>();
    List<Path> all = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (!Files.exists(p)) continue;
      all.add(p);
      for (ModuleReference m : ModuleFinder.of(p).findAll()) {
        if (WEFT.contains(m.descriptor().name()) && !m.descriptor().isAutomatic()) weft.add(p);
      }
    }
    assertEquals(WEFT.size(), weft.size(), "Weft's modules on the test class path: " + weft);
    String modulePath = weft.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));

    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("demo"));
    Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
    Files.writeString(src.resolve("demo/Main.java"), MAIN);
    Path classes = dir.resolve("classes");
    int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17",
        "--module-path", modulePath, "-d", classes.toString(),
        src.resolve("module-info.java").toString(), src.resolve("demo/Main.java").toString());
    assertEquals(0, rc, "javac failed");

    Path instrumented = Files.createDirectories(dir.resolve("instrumented")); // a missing target would be written as a jar
    ClassFileLocator deps = new ClassFileLocator.Compound(all.stream().map(ModulePathIT::locator).collect(Collectors.toList()));
    Plugin.Engine.Summary summary = new Plugin.Engine.Default().with(deps)
        .apply(classes.toFile(), instrumented.toFile(), new Plugin.Factory.Simple(new WeftPlugin()));
    assertTrue(summary.getFailed().isEmpty(), "instrumentation failed: " + summary.getFailed());
    assertTrue(summary.getTransformed().stream().anyMatch(t -> t.getName().equals("demo.Main")), "demo.Main not instrumented");
    // The engine writes types only; the Maven plugin transforms in place, where the descriptor stays.
    Path descriptor = instrumented.resolve("module-info.class");
    if (!Files.exists(descriptor)) Files.copy(classes.resolve("module-info.class"), descriptor);

    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", instrumented + File.pathSeparator + modulePath, "-m", "weft.demo/demo.Main")
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
    assertEquals(0, p.exitValue(), output);
    assertEquals("0 1 4 9 ping done async weft.demo false", output);
  }

  private static ClassFileLocator locator(Path p) {
    try {
      return Files.isDirectory(p) ? new ClassFileLocator.ForFolder(p.toFile()) : ClassFileLocator.ForJarFile.of(p.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

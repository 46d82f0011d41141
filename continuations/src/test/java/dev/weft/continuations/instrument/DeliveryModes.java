package dev.weft.continuations.instrument;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The shared fixture suite, and running it in a child JVM. */
final class DeliveryModes {
  /** What {@code fx.Suite.call()} returns when every mode instruments it correctly. */
  static final String TRANSCRIPT = "mix=44;ref=21;new=P[a=3, b=6];caught=after resume;finally;inner;inner resumed;"
      + "inner done=true;runs=7;refused=true";

  private DeliveryModes() {}

  static Map<String, byte[]> compileSuite() {
    return compileFixture("fx.Suite", "/fixtures/Suite.java");
  }

  /** Compiles a fixture source kept under test resources, uninstrumented. */
  static Map<String, byte[]> compileFixture(String className, String resource) {
    try (InputStream in = DeliveryModes.class.getResourceAsStream(resource)) {
      return ClassFiles.compile(className, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the classes under {@code dir} in package layout. */
  static Path write(Map<String, byte[]> classes, Path dir) throws IOException {
    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
      Path file = dir.resolve(e.getKey().replace('.', '/') + ".class");
      Files.createDirectories(file.getParent());
      Files.write(file, e.getValue());
    }
    return dir;
  }

  /** Runs {@code main} in a fresh JVM with the test class path plus {@code extraClassPath}; returns stdout. */
  static String runJava(List<String> jvmArgs, Path extraClassPath, String main, String... args) throws Exception {
    return runJava(jvmArgs, extraClassPath + File.pathSeparator + System.getProperty("java.class.path"), main, args);
  }

  /** The test class path without the entries that contain {@code fragment}, e.g. a Maven group's directory. */
  static String testClassPathWithout(String fragment) {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.contains(fragment)).collect(Collectors.joining(File.pathSeparator));
  }

  /** Runs {@code main} in a fresh JVM on exactly {@code classPath}; returns stdout. */
  static String runJava(List<String> jvmArgs, String classPath, String main, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(main);
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("child JVM did not finish:\n" + out);
    }
    if (p.exitValue() != 0) throw new AssertionError("child JVM failed (" + p.exitValue() + "):\n" + out);
    return out;
  }

  /** Entry point of the child JVMs: optionally self-attaches, then runs the suite. */
  public static final class Main {
    public static void main(String[] args) throws Exception {
      if (Boolean.getBoolean("weft.lateInstall")) Class.forName("fx.Suite"); // loaded, so too late for install()
      if (args.length > 0 || Boolean.getBoolean("weft.selfAttach") || Boolean.getBoolean("weft.lateInstall")) Weft.install();
      @SuppressWarnings("unchecked")
      java.util.concurrent.Callable<String> suite =
          (java.util.concurrent.Callable<String>) Class.forName("fx.Suite").getDeclaredConstructor().newInstance();
      System.out.println("TRANSCRIPT " + suite.call());
    }
  }
}

package dev.weft.continuations.instrument.peer;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A peer's JUnit suite, run twice in fresh loaders: plainly, then with library and tests
 * instrumented with every method suspendable and each test body run in a continuation suspended
 * before every call ({@link InjectingInterceptor}). The outcome of each test, by unique id, must
 * be the same.
 */
final class PeerSuite {
  /** Test bodies the injected run could not enter through a trampoline, run as they are. */
  static final AtomicLong notInjected = new AtomicLong();
  /** The same, by reason. */
  private static final Map<String, AtomicLong> notInjectedWhy = new java.util.concurrent.ConcurrentHashMap<>();

  static void countNotInjected(String reason) {
    notInjected.incrementAndGet();
    notInjectedWhy.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
  }

  /** One run: outcome (SUCCESSFUL, FAILED, ABORTED, SKIPPED) and the failure's summary, per test. */
  static final class Run {
    final Map<String, String> outcomes = new TreeMap<>();
    final Map<String, String> failures = new TreeMap<>();
    long suspensions, notInjected;
    /** Why tests ran without injection, with how many of each. */
    Map<String, Long> notInjectedWhy = Map.of();
    /** Suspensions per injected test, by unique id; a test run without injection has none. */
    Map<String, Long> suspensionsByTest = Map.of();
    List<String> refused = List.of();

    long count(String outcome) {
      return outcomes.values().stream().filter(outcome::equals).count();
    }

    @Override
    public String toString() {
      return String.format("%d tests: %d passed, %d failed, %d aborted, %d skipped; %d suspensions, %d run without"
          + " injection, %d classes refused by the instrumenter", outcomes.size(), count("SUCCESSFUL"), count("FAILED"),
          count("ABORTED"), count("SKIPPED"), suspensions, notInjected, refused.size())
          + (notInjectedWhy.isEmpty() ? "" : " (without injection: " + notInjectedWhy + ")");
    }
  }

  private final List<JarFile> jars;
  private final String packagePrefix;

  /** @param probes a class file of each jar, e.g. {@code org/apache/commons/lang3/StringUtils.class} */
  PeerSuite(String packagePrefix, String... probes) {
    this.packagePrefix = packagePrefix;
    this.jars = new ArrayList<>();
    for (String probe : probes) jars.add(jarOf(probe));
  }

  /** A suite of the given jars, e.g. ones a test wrote. */
  PeerSuite(String packagePrefix, List<JarFile> jars) {
    this.packagePrefix = packagePrefix;
    this.jars = List.copyOf(jars);
  }

  /** Every class named {@code *Test} in the jars, without nested ones (JUnit finds those). */
  List<String> allTestClasses() {
    return jars.stream().flatMap(JarFile::stream).map(e -> e.getName())
        .filter(n -> n.endsWith("Test.class") && !n.contains("$") && n.startsWith(packagePrefix.replace('.', '/')))
        .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).sorted().collect(Collectors.toList());
  }

  Run run(List<String> testClasses, boolean injecting) throws IOException {
    PeerLoader loader = new PeerLoader(jars, packagePrefix, injecting);
    List<ClassSelector> selectors = new ArrayList<>();
    for (String name : testClasses) {
      try {
        selectors.add(selectClass(loader.loadClass(name)));
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException("cannot load test class " + name, e);
      }
    }
    Run run = new Run();
    long before = notInjected.get();
    notInjectedWhy.clear();
    Thread thread = Thread.currentThread();
    ClassLoader context = thread.getContextClassLoader();
    Path services = injecting ? serviceDirectory() : null;
    try (URLClassLoader withService = new URLClassLoader(services == null ? new URL[0] : new URL[] {services.toUri().toURL()}, loader)) {
      thread.setContextClassLoader(withService);
      // One request per class, with the JVM-wide defaults put back after each, so that no class
      // sees another's locale, time zone or properties. (The suite also needs the --add-opens the
      // peer-suite profile gives: without them a failing reflection test leaves ToStringStyle's
      // registry filled, and every later test's @AfterEach check fails.)
      Locale locale = Locale.getDefault();
      TimeZone zone = TimeZone.getDefault();
      java.util.Properties properties = (java.util.Properties) System.getProperties().clone();
      Launcher launcher = LauncherFactory.create();
      Recorder recorder = new Recorder(run);
      for (ClassSelector selector : selectors) {
        try {
          launcher.execute(requestFor(selector, injecting), recorder);
        } finally {
          Locale.setDefault(locale);
          TimeZone.setDefault(zone);
          System.setProperties((java.util.Properties) properties.clone());
        }
      }
    } finally {
      thread.setContextClassLoader(context);
    }
    run.suspensions = loader.suspensions.get();
    run.notInjected = notInjected.get() - before;
    Map<String, Long> why = new TreeMap<>();
    notInjectedWhy.forEach((reason, n) -> why.put(reason, n.get()));
    run.notInjectedWhy = why;
    run.suspensionsByTest = Map.copyOf(loader.suspensionsByTest);
    run.refused = List.copyOf(loader.refused);
    return run;
  }

  private static LauncherDiscoveryRequest requestFor(ClassSelector selector, boolean injecting) {
    return LauncherDiscoveryRequestBuilder.request().selectors(selector)
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", String.valueOf(injecting)).build();
  }

  /** The tests whose outcome differs, with both outcomes and the injected run's failure. */
  static Map<String, String> differences(Run plain, Run injected) {
    Map<String, String> d = new TreeMap<>();
    for (String id : plain.outcomes.keySet()) {
      String a = plain.outcomes.get(id), b = injected.outcomes.getOrDefault(id, "MISSING");
      if (!a.equals(b)) d.put(id, a + " -> " + b + ": " + injected.failures.getOrDefault(id, plain.failures.get(id)));
    }
    for (String id : injected.outcomes.keySet()) {
      if (!plain.outcomes.containsKey(id)) d.put(id, "MISSING -> " + injected.outcomes.get(id));
    }
    return d;
  }

  private static Path serviceDirectory() throws IOException {
    Path dir = Files.createTempDirectory("weft-peer");
    Path file = dir.resolve("META-INF/services/org.junit.jupiter.api.extension.Extension");
    Files.createDirectories(file.getParent());
    Files.writeString(file, InjectingInterceptor.class.getName() + "\n");
    file.toFile().deleteOnExit();
    return dir;
  }

  private static JarFile jarOf(String probe) {
    try {
      URL url = PeerSuite.class.getClassLoader().getResource(probe);
      if (url == null) throw new IllegalArgumentException(probe + " is not on the test class path");
      return ((JarURLConnection) url.openConnection()).getJarFile();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Recorder implements TestExecutionListener {
    private final Run run;

    Recorder(Run run) {
      this.run = run;
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
      if (id.isTest()) run.outcomes.put(id.getUniqueId(), "SKIPPED");
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      if (!id.isTest()) return;
      run.outcomes.put(id.getUniqueId(), result.getStatus().name());
      result.getThrowable().ifPresent(t -> run.failures.put(id.getUniqueId(), String.valueOf(t).lines().findFirst().orElse("")));
    }
  }
}

package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.SuspendException;
import dev.weft.continuations.SuspendableRunnable;
import dev.weft.continuations.instrument.internal.Suspendables;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.JarFile;
import net.bytebuddy.build.Plugin;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Library code declared suspendable (issue 19): a lambda that suspends runs inside Guava's
 * {@code FluentIterable} (instrumented at load time, listed by a {@code META-INF/weft/suspendables}
 * resource) and inside commons-collections4's {@code CollectionUtils.collect} (instrumented by the
 * build plugin, the dependency unpacked into the output directory as the docs say), and suspends
 * once per element with the library's frames saved and restored in between.
 */
class UncoloredLibraryTest {
  private static final List<Integer> EXPECTED = List.of(10, 20, 30);

  @Test
  void guava_listedInTheLoadersResource_isInstrumentedAtLoadTime_andTheLambdaSuspendsInsideIt(@TempDir Path dir) throws Exception {
    Path resource = dir.resolve(Suspendables.RESOURCE);
    Files.createDirectories(resource.getParent());
    Files.writeString(resource, "# Guava's collections may call back into code that suspends\ncom.google.common.collect.*\n");
    ClassLoader loader = transformingLoader(jarOf("com/google/common/collect/FluentIterable.class"), "com/google/common/", dir);
    assertSuspendsOncePerElement(loader, "fx.Pipelines$Guava");
  }

  @Test
  void guava_notListed_failsNamingTheLibraryFrame(@TempDir Path dir) throws Exception {
    ClassLoader loader = transformingLoader(jarOf("com/google/common/collect/FluentIterable.class"), "com/google/common/", dir);
    SuspendException e = assertThrows(SuspendException.class, () -> assertSuspendsOncePerElement(loader, "fx.Pipelines$Guava"));
    assertTrue(e.getMessage().contains("com.google.common.collect"), e.getMessage());
  }

  @Test
  void commonsCollections_unpackedIntoTheOutput_isInstrumentedByThePlugin_andTheLambdaSuspendsInsideIt(@TempDir Path dir)
      throws Exception {
    Path classes = dir.resolve("classes"), out = Files.createDirectories(dir.resolve("out"));
    unpack(jarOf("org/apache/commons/collections4/CollectionUtils.class"), classes);
    ClassFiles.compile("fx.Pipelines", fixture()).forEach((name, bytes) -> write(classes, name, bytes));
    Path resource = classes.resolve(Suspendables.RESOURCE);
    Files.createDirectories(resource.getParent());
    Files.writeString(resource, "org.apache.commons.collections4.**\n");
    // As byte-buddy-maven-plugin builds it: the constructor that takes the directory it transforms.
    Plugin.Factory factory = new Plugin.Factory.UsingReflection(WeftPlugin.class)
        .with(Plugin.Factory.UsingReflection.ArgumentResolver.ForType.of(File.class, classes.toFile()));
    Plugin.Engine.Summary summary = new Plugin.Engine.Default()
        .with(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()))
        .apply(classes.toFile(), out.toFile(), factory);
    assertEquals(List.of(), new ArrayList<>(summary.getFailed().keySet()));
    assertTrue(summary.getTransformed().size() > 100, "transformed: " + summary.getTransformed().size());
    assertSuspendsOncePerElement(ClassFiles.childFirst(readAll(out)), "fx.Pipelines$Collections");
  }

  @Test
  void pluginArgument_atIndexOne_addsToTheList(@TempDir Path dir) {
    Plugin plugin = new Plugin.Factory.UsingReflection(WeftPlugin.class)
        .with(Plugin.Factory.UsingReflection.ArgumentResolver.ForType.of(File.class, dir.toFile()),
            new Plugin.Factory.UsingReflection.ArgumentResolver.ForIndex.WithDynamicType(1, "org.apache.commons.collections4.**"))
        .make();
    assertTrue(plugin.matches(net.bytebuddy.description.type.TypeDescription.ForLoadedType.of(
        org.apache.commons.collections4.bag.HashBag.class)));
    assertTrue(!plugin.matches(net.bytebuddy.description.type.TypeDescription.ForLoadedType.of(
        com.google.common.collect.ImmutableList.class)));
  }

  /** Runs the pipeline step by step: one suspension per element, in order, then the whole result. */
  private static void assertSuspendsOncePerElement(ClassLoader loader, String pipeline) throws Exception {
    Class<?> c = loader.loadClass(pipeline);
    SuspendableRunnable body = (SuspendableRunnable) c.getDeclaredConstructor().newInstance();
    ContinuationScope scope = (ContinuationScope) loader.loadClass("fx.Pipelines").getField("SCOPE").get(null);
    @SuppressWarnings("unchecked")
    List<String> trace = (List<String>) c.getField("trace").get(body);
    Continuation k = new Continuation(scope, body);
    for (int i = 1; i <= 3; i++) {
      k.run();
      assertEquals(i, trace.size(), "suspended once per element: " + trace);
    }
    k.run();
    assertTrue(k.isDone());
    assertEquals(List.of("apply 1", "apply 2", "apply 3"), trace);
    assertEquals(EXPECTED, c.getField("result").get(body));
  }

  /**
   * A loader as the agent sees one: it defines the fixture and the library's classes under {@code prefix}
   * itself, each passed through {@link WeftTransformer} first, and serves resources from {@code resources}.
   */
  private static ClassLoader transformingLoader(JarFile library, String prefix, Path resources) {
    Map<String, byte[]> fixture = ClassFiles.compile("fx.Pipelines", fixture());
    WeftTransformer transformer = new WeftTransformer(Suspendables.NONE, (name, t) -> { throw new AssertionError(name, t); });
    Function<String, byte[]> source = name -> fixture.containsKey(name) ? fixture.get(name)
        : name.replace('.', '/').startsWith(prefix) ? read(library, name.replace('.', '/') + ".class") : null;
    return new TransformingLoader(source, transformer, resources);
  }

  private static String fixture() {
    try (InputStream in = UncoloredLibraryTest.class.getResourceAsStream("/fixtures/Pipelines.java")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JarFile jarOf(String probe) throws IOException {
    return ((JarURLConnection) UncoloredLibraryTest.class.getClassLoader().getResource(probe).openConnection()).getJarFile();
  }

  private static byte[] read(JarFile jar, String entry) {
    if (jar.getEntry(entry) == null) return null;
    try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void unpack(JarFile jar, Path into) {
    jar.stream().filter(e -> e.getName().endsWith(".class") && !e.getName().contains("module-info"))
        .forEach(e -> write(into, e.getName().replace('/', '.').substring(0, e.getName().length() - 6), read(jar, e.getName())));
  }

  private static void write(Path root, String binaryName, byte[] bytes) {
    try {
      Path file = root.resolve(binaryName.replace('.', '/') + ".class");
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, byte[]> readAll(Path root) throws IOException {
    Map<String, byte[]> classes = new java.util.HashMap<>();
    try (var files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        String rel = root.relativize(f).toString();
        classes.put(rel.substring(0, rel.length() - 6).replace(File.separatorChar, '.'), Files.readAllBytes(f));
      }
    }
    return classes;
  }
}

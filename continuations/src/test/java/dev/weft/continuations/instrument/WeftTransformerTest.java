package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.continuations.instrument.internal.Suspendables;
import dev.weft.testing.Gc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load-time transformer on its own, fed by a class loader as the JVM would feed it. */
class WeftTransformerTest {
  private static final String SOURCE = """
      package fx;
      import dev.weft.continuations.*;
      public class Leaky {
        static int twice(ContinuationScope s, int x) throws Suspend {
          Continuation.suspend(s);
          return 2 * x;
        }
      }
      """;

  // Issue 14, "Leak": the type pool kept for a loader must not keep the loader reachable
  @Test
  void discardedLoader_thatLoadedAClassThroughTheTransformer_isCollected(@TempDir Path dir) throws Exception {
    WeftTransformer transformer = new WeftTransformer(Suspendables.NONE);
    DeliveryModes.write(ClassFiles.compile("fx.Leaky", SOURCE), dir);
    WeakReference<ClassLoader> loader = loadThroughTransformer(transformer, dir);
    Gc.awaitCollected(loader); // fails if the transformer keeps the discarded loader reachable
    Reference.reachabilityFence(transformer);
  }

  // Issue 15: whatever the instrumenter throws, the JVM would drop; the transformer reports it once
  @Test
  void errorWhileInstrumenting_isReportedOnceNamingTheClass(@TempDir Path dir) throws Exception {
    DeliveryModes.write(ClassFiles.compile("fx.Leaky", SOURCE), dir);
    Error failure = new Error("simulated failure while reading a class file");
    List<String> reports = new ArrayList<>();
    WeftTransformer transformer = new WeftTransformer(Suspendables.NONE, (name, t) -> {
      assertSame(failure, t);
      reports.add(name);
    });
    // The instrumenter reads the call target's class file through the loader: that read fails.
    ClassLoader failing = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader()) {
      @Override
      public InputStream getResourceAsStream(String name) {
        if (name.startsWith("dev/weft/")) throw failure;
        return super.getResourceAsStream(name);
      }
    };
    byte[] bytes;
    try (InputStream in = failing.getResourceAsStream("fx/Leaky.class")) {
      bytes = in.readAllBytes();
    }
    assertNull(transformer.transform(failing, "fx/Leaky", null, null, bytes));
    assertEquals(List.of("fx.Leaky"), reports);
  }

  private static WeakReference<ClassLoader> loadThroughTransformer(WeftTransformer transformer, Path dir) throws Exception {
    TransformingLoader loader = new TransformingLoader(dir, transformer);
    loader.loadClass("fx.Leaky");
    assertNotNull(loader.transformed, "the transformer left fx.Leaky unchanged");
    return new WeakReference<>(loader);
  }

  /** Defines its classes from {@code dir} after passing them through the transformer, as the JVM does. */
  private static final class TransformingLoader extends URLClassLoader {
    private final WeftTransformer transformer;
    String transformed;

    TransformingLoader(Path dir, WeftTransformer transformer) throws MalformedURLException {
      super(new URL[] {dir.toUri().toURL()}, WeftTransformerTest.class.getClassLoader());
      this.transformer = transformer;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      String internal = name.replace('.', '/');
      byte[] bytes;
      try (InputStream in = getResourceAsStream(internal + ".class")) {
        if (in == null) throw new ClassNotFoundException(name);
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      byte[] out = transformer.transform(this, internal, null, null, bytes);
      if (out != null) transformed = name;
      byte[] b = out == null ? bytes : out;
      return defineClass(name, b, 0, b.length);
    }
  }
}

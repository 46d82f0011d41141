package dev.weft.continuations.instrument;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.function.Function;

/**
 * Test support: a child-first loader that passes each class it defines through a
 * {@link WeftTransformer}, as the JVM does under the agent, and serves its own resources from a
 * directory (before its parent's, so a test decides what {@code META-INF/weft/suspendables} says).
 */
final class TransformingLoader extends ClassLoader {
  private final Function<String, byte[]> source;
  private final WeftTransformer transformer;
  private final Path resources;

  /** @param source the class file of a binary name this loader defines itself, or null for its parent's */
  TransformingLoader(Function<String, byte[]> source, WeftTransformer transformer, Path resources) {
    super(TransformingLoader.class.getClassLoader());
    this.source = source;
    this.transformer = transformer;
    this.resources = resources;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        byte[] original = source.apply(name);
        if (original == null) return super.loadClass(name, resolve);
        byte[] transformed = transformer.transform(this, name.replace('.', '/'), null, null, original);
        byte[] b = transformed == null ? original : transformed;
        c = defineClass(name, b, 0, b.length);
      }
      if (resolve) resolveClass(c);
      return c;
    }
  }

  /** Class files too, from the same source: the transformer's type pool reads them as resources. */
  @Override
  public InputStream getResourceAsStream(String name) {
    if (name.endsWith(".class")) {
      byte[] b = source.apply(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
      if (b != null) return new ByteArrayInputStream(b);
    }
    return super.getResourceAsStream(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    Path own = resources.resolve(name);
    return Files.exists(own) ? Collections.enumeration(java.util.List.of(own.toUri().toURL())) : Collections.emptyEnumeration();
  }
}

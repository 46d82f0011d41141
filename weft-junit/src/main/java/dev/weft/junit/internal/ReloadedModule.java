package dev.weft.junit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The module-path counterpart of {@link ReloadingClassLoader}: surefire runs a modular project's
 * tests in its main module, the test classes patched in ({@code --patch-module}), and loads the
 * first of them before weft-junit's session listener runs. This defines the same module again, in
 * a child layer of the module's own, from the main classes' directory and the patch directories
 * together, so that its classes load once more, instrumented. They stay in a named module of the
 * same name, main and test classes in one class loader (package-private access between them
 * works, as with {@code --patch-module}), and the new module reads and opens its packages to the
 * class path's unnamed module as surefire's {@code --add-reads}/{@code --add-opens} did for the
 * original, so that JUnit and weft-junit reach the tests.
 */
final class ReloadedModule {
  private ReloadedModule() {}

  /**
   * A class loader of {@code module} defined again from its exploded directory and the
   * {@code patches} that hold its packages, or empty when the module is not an exploded
   * directory with a {@code module-info.class} (then it is left as it is).
   */
  static Optional<ClassLoader> reload(Module module, List<Path> patches, ClassLoader parent) {
    ModuleLayer layer = module.getLayer();
    if (layer == null) return Optional.empty();
    Optional<ResolvedModule> resolved = layer.configuration().findModule(module.getName());
    Optional<URI> location = resolved.flatMap(r -> r.reference().location());
    if (location.isEmpty() || !"file".equals(location.get().getScheme())) return Optional.empty();
    Path main = Paths.get(location.get());
    if (!Files.isRegularFile(main.resolve("module-info.class"))) return Optional.empty();

    List<Path> dirs = new ArrayList<>(List.of(main));
    for (Path p : patches) {
      if (!p.equals(main) && module.getPackages().stream().anyMatch(pkg -> Files.isDirectory(p.resolve(pkg.replace('.', '/'))))) {
        dirs.add(p);
      }
    }
    Set<String> packages = packages(dirs);
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(main.resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in, () -> packages);
    } catch (IOException e) {
      return Optional.empty();
    }
    ModuleReference reference = new ModuleReference(descriptor, main.toUri()) {
      @Override
      public ModuleReader open() {
        return new Directories(dirs);
      }
    };
    ModuleFinder finder = new ModuleFinder() {
      @Override
      public Optional<ModuleReference> find(String name) {
        return name.equals(descriptor.name()) ? Optional.of(reference) : Optional.empty();
      }

      @Override
      public Set<ModuleReference> findAll() {
        return Set.of(reference);
      }
    };
    Configuration cf = layer.configuration().resolve(finder, ModuleFinder.of(), Set.of(descriptor.name()));
    ModuleLayer.Controller controller = ModuleLayer.defineModulesWithOneLoader(cf, List.of(layer), parent);
    Module reloaded = controller.layer().findModule(descriptor.name()).orElseThrow();
    Module classPath = parent.getUnnamedModule();
    controller.addReads(reloaded, classPath);
    for (String pkg : reloaded.getPackages()) controller.addOpens(reloaded, pkg, classPath);
    return Optional.of(controller.layer().findLoader(descriptor.name()));
  }

  /** The packages with a class file in one of {@code dirs}. */
  private static Set<String> packages(List<Path> dirs) {
    Set<String> packages = new TreeSet<>();
    for (Path dir : dirs) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(f -> f.toString().endsWith(".class") && f.getParent() != null && !f.getParent().equals(dir))
            .map(f -> dir.relativize(f.getParent()).toString().replace(dir.getFileSystem().getSeparator(), "."))
            .forEach(packages::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return packages;
  }

  /** A module's content from several directories, the first that has a resource winning (as {@code --patch-module}'s, the patches first). */
  private static final class Directories implements ModuleReader {
    private final List<Path> dirs;

    Directories(List<Path> dirs) {
      // a patch overrides the module's own classes
      List<Path> order = new ArrayList<>(dirs.subList(1, dirs.size()));
      order.add(dirs.get(0));
      this.dirs = order;
    }

    @Override
    public Optional<URI> find(String name) {
      for (Path dir : dirs) {
        Path p = dir.resolve(name);
        if (p.normalize().startsWith(dir) && Files.isRegularFile(p)) return Optional.of(p.toUri());
      }
      return Optional.empty();
    }

    @Override
    public Stream<String> list() throws IOException {
      Set<String> names = new LinkedHashSet<>();
      for (Path dir : dirs) {
        try (Stream<Path> files = Files.walk(dir)) {
          names.addAll(files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace(dir.getFileSystem().getSeparator(), "/"))
              .collect(Collectors.toList()));
        }
      }
      return names.stream();
    }

    @Override
    public void close() {}
  }
}

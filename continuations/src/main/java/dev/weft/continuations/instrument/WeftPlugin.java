package dev.weft.continuations.instrument;

import dev.weft.continuations.instrument.internal.BytesBridge;
import dev.weft.continuations.instrument.internal.Selection;
import dev.weft.continuations.instrument.internal.Suspendables;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.bytebuddy.build.Plugin;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;

/**
 * The build-time instrumentation: a Byte Buddy {@link Plugin} for {@code byte-buddy-maven-plugin}
 * (or the Gradle plugin) that rewrites every class with a suspendable method.
 *
 * <pre class="language-xml">{@code
 * <plugin>
 *   <groupId>net.bytebuddy</groupId>
 *   <artifactId>byte-buddy-maven-plugin</artifactId>
 *   <version>1.18.5</version>
 *   <executions>
 *     <execution>
 *       <id>weft</id>
 *       <phase>compile</phase>
 *       <goals><goal>transform</goal></goals>
 *     </execution>
 *     <execution>
 *       <id>weft-tests</id>
 *       <phase>test-compile</phase>
 *       <goals><goal>transform-test</goal></goals>
 *     </execution>
 *   </executions>
 *   <configuration>
 *     <classPathDiscovery>true</classPathDiscovery>
 *   </configuration>
 *   <dependencies>
 *     <dependency>
 *       <groupId>net.bytebuddy</groupId>
 *       <artifactId>byte-buddy</artifactId>
 *       <version>1.18.17</version>
 *     </dependency>
 *   </dependencies>
 * </plugin>
 * }</pre>
 *
 * <p>That is the README's block (without its comments, and tested against it): bound to
 * {@code compile} and {@code test-compile}, so that {@code mvn compile exec:java} runs instrumented
 * classes, and found by class-path discovery in {@code weft-continuations} at whatever version the
 * project depends on.
 *
 * <p>A class is matched when one of its methods declares {@code throws Suspend} or is
 * {@code @Suspendable}; lambda bodies count, since javac copies the throws clause onto them. A
 * class that was instrumented already is left alone. A class that cannot be instrumented (a
 * constructor that suspends, a call target missing from the class path) fails the build with a
 * message naming the method.
 *
 * <p><b>Library code.</b> To let a callback suspend inside a dependency (a lambda passed to
 * Guava's {@code FluentIterable.transform}), list the dependency's packages in
 * {@code src/main/resources/META-INF/weft/suspendables} (or the plugin's argument at index 1) and
 * unpack the dependency into the output directory before the transform goal, e.g. with
 * {@code maven-dependency-plugin}'s {@code unpack-dependencies} goal in the {@code process-classes}
 * phase: every method of a listed class gets frame code, with every call in it a suspension point,
 * and calls to listed classes from the project's code are suspension points. JDK classes are
 * refused. The same list, as a resource of the application's jar, drives the agent.
 */
public final class WeftPlugin implements Plugin {
  private final Suspendables suspendables;
  private final Selection selection;

  /** Only code that declares {@code throws Suspend} or {@code @Suspendable}. */
  public WeftPlugin() {
    this(Suspendables.NONE);
  }

  /**
   * Also the library code that {@code root}'s {@code META-INF/weft/suspendables} lists, if it has
   * one; Byte Buddy's Maven and Gradle plugins pass the directory they transform.
   */
  @Plugin.Factory.UsingReflection.Priority(1)
  public WeftPlugin(File root) {
    this(fromDirectory(root));
  }

  /**
   * As {@link #WeftPlugin(File)}, plus the entries of the plugin's argument at index 1, separated
   * by commas: {@code <argument><index>1</index><value>com.google.common.collect.*</value></argument>}.
   *
   * @throws IllegalArgumentException if an entry is malformed or names JDK classes, saying which
   */
  @Plugin.Factory.UsingReflection.Priority(2)
  public WeftPlugin(File root, String suspendables) {
    this(fromDirectory(root).and(Suspendables.parse("the argument of WeftPlugin", suspendables)));
  }

  private WeftPlugin(Suspendables suspendables) {
    this.suspendables = suspendables;
    this.selection = Selection.declaredAnd(suspendables);
  }

  @Override
  public boolean matches(TypeDescription target) {
    return Selection.mayNeedInstrumenting(target) || suspendables.coversClass(target.getInternalName());
  }

  @Override
  public DynamicType.Builder<?> apply(DynamicType.Builder<?> builder, TypeDescription target, ClassFileLocator locator) {
    return builder.visit(new BytesBridge(selection));
  }

  private static Suspendables fromDirectory(File root) {
    Path list = root.toPath().resolve(Suspendables.RESOURCE);
    if (!Files.isRegularFile(list)) return Suspendables.NONE;
    try {
      return Suspendables.parse(list.toString(), Files.readString(list));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + list, e);
    }
  }

  @Override
  public void close() {}
}

package dev.weft.continuations.instrument;

import dev.weft.continuations.instrument.internal.BytesBridge;
import dev.weft.continuations.instrument.internal.Selection;
import net.bytebuddy.build.Plugin;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;

/**
 * The build-time instrumentation: a Byte Buddy {@link Plugin} for {@code byte-buddy-maven-plugin}
 * (or the Gradle plugin) that rewrites every class with a suspendable method.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>net.bytebuddy</groupId>
 *   <artifactId>byte-buddy-maven-plugin</artifactId>
 *   <executions><execution><goals><goal>transform</goal><goal>transform-test</goal></goals></execution></executions>
 *   <configuration>
 *     <transformations><transformation>
 *       <plugin>dev.weft.continuations.instrument.WeftPlugin</plugin>
 *       <groupId>dev.weft</groupId><artifactId>weft-continuations</artifactId>
 *     </transformation></transformations>
 *   </configuration>
 * </plugin>
 * }</pre>
 *
 * <p>A class is matched when one of its methods declares {@code throws Suspend} or is
 * {@code @Suspendable}; lambda bodies count, since javac copies the throws clause onto them. A
 * class that was instrumented already is left alone. A class that cannot be instrumented (a
 * constructor that suspends, a call target missing from the class path) fails the build with a
 * message naming the method.
 */
public final class WeftPlugin implements Plugin {
  @Override
  public boolean matches(TypeDescription target) {
    return Selection.mayNeedInstrumenting(target);
  }

  @Override
  public DynamicType.Builder<?> apply(DynamicType.Builder<?> builder, TypeDescription target, ClassFileLocator locator) {
    return builder.visit(new BytesBridge(Selection.DECLARED));
  }

  @Override
  public void close() {}
}

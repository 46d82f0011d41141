package dev.weft.continuations.instrument;

import java.util.ArrayList;
import java.util.List;

/**
 * The libraries load-time instrumentation needs, checked before a transformer is registered. A
 * missing one would otherwise surface as a {@link NoClassDefFoundError} inside the transformer,
 * where the JVM swallows it: nothing would be instrumented and nothing said (issue 15). This class
 * must itself link without them, so it names them only as strings.
 */
final class RequiredLibraries {
  private record Library(String artifact, String probe) {}

  private static final List<Library> INSTRUMENTER = List.of(
      new Library("net.bytebuddy:byte-buddy", "net.bytebuddy.pool.TypePool"),
      new Library("org.ow2.asm:asm", "org.objectweb.asm.ClassReader"),
      new Library("org.ow2.asm:asm-tree", "org.objectweb.asm.tree.ClassNode"),
      new Library("org.ow2.asm:asm-analysis", "org.objectweb.asm.tree.analysis.Analyzer"),
      new Library("org.ow2.asm:asm-commons", "org.objectweb.asm.commons.JSRInlinerAdapter"));
  private static final Library ATTACH = new Library("net.bytebuddy:byte-buddy-agent", "net.bytebuddy.agent.ByteBuddyAgent");

  private RequiredLibraries() {}

  /** For {@code -javaagent} and attaching from outside. */
  static void checkForAgent() {
    check("Weft's agent", INSTRUMENTER);
  }

  /** For {@link Weft#install()}, which also attaches through Byte Buddy's agent. */
  static void checkForSelfAttach() {
    List<Library> all = new ArrayList<>(INSTRUMENTER);
    all.add(ATTACH);
    check("Weft.install()", all);
  }

  /** @throws IllegalStateException naming every missing library and how to add it */
  private static void check(String who, List<Library> libraries) {
    List<String> missing = new ArrayList<>();
    for (Library l : libraries) {
      try {
        Class.forName(l.probe, false, RequiredLibraries.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        missing.add(l.artifact + " (" + l.probe + " not found)");
      }
    }
    if (missing.isEmpty()) return;
    throw new IllegalStateException(who + " cannot instrument anything: missing from the class path: "
        + String.join(", ", missing) + ". Put these jars on the class path beside weft-continuations"
        + " (java -javaagent:weft-continuations.jar -cp app.jar:weft-continuations.jar:byte-buddy.jar:asm.jar:asm-tree.jar:"
        + "asm-analysis.jar:asm-commons.jar ...); Maven and Gradle put them there for any project that depends on dev.weft:weft-continuations");
  }
}

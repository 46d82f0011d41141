package dev.weft.continuations.instrument.internal;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Reads and writes the marker that makes a second pass a no-op (SEMANTICS C18):
 *
 * <pre>
 * &#64;dev.weft.continuations.internal.abi.Instrumented          on the class
 * class C {
 *   &#64;Instrumented m(...)                                     on each rewritten method,
 *   &#64;Instrumented m$weftN(Carrier, int)                      its resume copy,
 *   &#64;Instrumented weft$resume(Carrier, long)                 and the dispatcher
 * }
 * </pre>
 *
 * The marker is run-time visible: the runtime reads it to tell an uninstrumented frame from one it
 * can save. The class's marker also carries its site table, for stack traces of saved frames:
 *
 * <pre>
 * &#64;Instrumented(source = "Trace.java", sites = {"parseConfig:10", "loadConfig:15,17"})
 *                                 by method index: the name, then the line of each call site
 * </pre>
 */
final class InstrumentedMarker {
  private InstrumentedMarker() {}

  static boolean isMarked(ClassNode node) {
    if (node.visibleAnnotations == null) return false;
    for (AnnotationNode a : node.visibleAnnotations) {
      if (a.desc.equals(Descriptors.INSTRUMENTED_DESC)) return true;
    }
    return false;
  }

  static void mark(ClassNode node, List<String> siteTable) {
    node.visibleAnnotations = add(node.visibleAnnotations);
    AnnotationNode a = node.visibleAnnotations.get(node.visibleAnnotations.size() - 1);
    a.values = new ArrayList<>(List.of("abi", dev.weft.continuations.internal.abi.Frames.ABI_VERSION,
        "source", node.sourceFile == null ? "" : node.sourceFile, "sites", siteTable));
  }

  /**
   * Refuses a class that another version of Weft instrumented: its frame code calls an ABI this
   * runtime no longer has, and would fail with a NoSuchMethodError at its first call.
   */
  static void requireCurrentAbi(ClassNode node) {
    for (AnnotationNode a : node.visibleAnnotations) {
      if (!a.desc.equals(Descriptors.INSTRUMENTED_DESC)) continue;
      int abi = 1; // not recorded: instrumented before the version was
      if (a.values != null) {
        for (int i = 0; i + 1 < a.values.size(); i += 2) {
          if ("abi".equals(a.values.get(i))) abi = (Integer) a.values.get(i + 1);
        }
      }
      requireCurrentAbi(node.name.replace('/', '.'), abi);
    }
  }

  static void requireCurrentAbi(String className, int abi) {
    int current = dev.weft.continuations.internal.abi.Frames.ABI_VERSION;
    if (abi == current) return;
    throw new dev.weft.continuations.instrument.InstrumentationException("class " + className
        + " was instrumented by another version of Weft (frame ABI " + abi + "; this Weft's is " + current
        + "): rebuild it from its sources (mvn clean verify), so that this Weft instruments it");
  }

  /** {@code name:line,line,...}: the method's name and the source line of each call site, 0 if unknown. */
  static String siteEntry(MethodNode m, List<MethodInsnNode> calls) {
    StringBuilder b = new StringBuilder(m.name).append(':');
    for (int i = 0; i < calls.size(); i++) {
      if (i > 0) b.append(',');
      b.append(lineOf(calls.get(i)));
    }
    return b.toString();
  }

  private static int lineOf(AbstractInsnNode insn) {
    for (AbstractInsnNode n = insn; n != null; n = n.getPrevious()) {
      if (n instanceof LineNumberNode) return ((LineNumberNode) n).line;
    }
    return 0;
  }

  static void mark(MethodNode m) {
    m.visibleAnnotations = add(m.visibleAnnotations);
  }

  private static List<AnnotationNode> add(List<AnnotationNode> annotations) {
    List<AnnotationNode> result = annotations == null ? new ArrayList<>() : annotations;
    result.add(new AnnotationNode(Descriptors.INSTRUMENTED_DESC));
    return result;
  }
}

package dev.weft.continuations.instrument.internal;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.tree.AnnotationNode;
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
 * can save.
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

  static void mark(ClassNode node) {
    node.visibleAnnotations = add(node.visibleAnnotations);
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

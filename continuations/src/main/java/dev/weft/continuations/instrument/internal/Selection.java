package dev.weft.continuations.instrument.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Which classes, methods and calls get frame code: one rule, which the agent, the build plugin and
 * the instrumenter each apply in the form their input allows.
 *
 * <p>The rule (DESIGN.md, "Marking"): a method is <em>suspendable</em> when it declares
 * {@code throws Suspend} (or a subclass) or is {@code @Suspendable}; a call is a suspension point
 * when its resolved target is suspendable; a method gets frame code when it is suspendable, a
 * lambda body or a bridge, and contains a suspension point. Weft's runtime and the JDK are never
 * instrumented, nor is a class that carries the {@link InstrumentedMarker} already.
 *
 * <ol>
 *   <li>{@link #mayNeedInstrumenting(String, byte[])}: the agent's form, on every class the JVM
 *       loads, so it only searches the bytes for {@code dev/weft/continuations/Suspend}, the
 *       prefix of both markers' names.
 *   <li>{@link #mayNeedInstrumenting(TypeDescription)}: the plugin's form, on the declared methods.
 *   <li>The instance methods: the instrumenter's form, on the code, exact.
 * </ol>
 *
 * <p>The first two only filter: a class they pass may need nothing, and the instrumenter then
 * leaves it alone. Neither sees a class whose only tie to Weft is a method reference to another
 * class's suspendable method, and the byte search does not see a throws clause that names only a
 * subclass of {@code Suspend}.
 *
 * <p>The instance is what {@link ClassInstrumenter} is configured with. Production code uses
 * {@link #DECLARED}; the instrumenter's tests substitute selections that make every method and
 * every call suspendable, to check the emitted code on bytecode nobody wrote for Weft.
 */
public class Selection {
  /** The rule above. */
  public static final Selection DECLARED = new Selection();

  private static final byte[] SUSPEND_PREFIX = Descriptors.SUSPEND.getBytes(StandardCharsets.UTF_8);

  protected Selection() {}

  /** Whether classes of that internal name are never instrumented: Weft's runtime and the JDK's. */
  public static boolean isExcluded(String internalName) {
    return internalName.startsWith("java/") || internalName.startsWith("jdk/") || internalName.startsWith("sun/")
        || internalName.equals(Descriptors.CONTINUATION)
        || internalName.startsWith(Descriptors.PACKAGE + "internal/")
        || internalName.startsWith(Descriptors.PACKAGE + "instrument/");
  }

  /** The agent's form: whether the class file can need instrumenting at all. */
  public static boolean mayNeedInstrumenting(String internalName, byte[] classFile) {
    return !isExcluded(internalName) && contains(classFile, SUSPEND_PREFIX);
  }

  /**
   * The rule plus a declared list of library code to treat as suspendable ({@link Suspendables});
   * {@link #DECLARED} if the list is empty.
   */
  public static Selection declaredAnd(Suspendables suspendables) {
    return suspendables.isEmpty() ? DECLARED : new UncoloredSelection(suspendables);
  }

  /** The plugin's form: whether the class declares a suspendable method and is not instrumented yet. */
  public static boolean mayNeedInstrumenting(TypeDescription type) {
    if (isExcluded(type.getInternalName())) return false;
    for (AnnotationDescription a : type.getDeclaredAnnotations()) {
      if (a.getAnnotationType().getDescriptor().equals(Descriptors.INSTRUMENTED_DESC)) {
        InstrumentedMarker.requireCurrentAbi(type.getName(), a.getValue("abi").resolve(Integer.class));
        return false;
      }
    }
    for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
      if (hasAnnotation(m.getDeclaredAnnotations(), Descriptors.SUSPENDABLE_DESC)) return true;
      for (TypeDefinition e : m.getExceptionTypes()) {
        if (isSuspend(e.asErasure(), TypeDescription::getInternalName, Selection::superClass)) return true;
      }
    }
    return false;
  }

  /** The instrumenter's test of the whole class: false if it must be left as it is. */
  static boolean admits(ClassNode node) {
    return !isExcluded(node.name) && !InstrumentedMarker.isMarked(node);
  }

  /** Rewrites the class before its methods are chosen: method references get lambda bodies of their own. */
  void prepare(ClassNode node, CallSiteClassifier classifier) {
    MethodReferences.desugar(node, classifier);
  }

  /**
   * Whether {@code m}, a method of {@code owner} with a body other than an initialiser, gets frame
   * code if it has suspension points.
   */
  boolean selects(ClassNode owner, MethodNode m, LambdaBodies lambdas, CallSiteClassifier classifier) {
    if ((m.access & Opcodes.ACC_BRIDGE) != 0 || lambdas.isBody(m)) return true;
    return isSuspendable(m, classifier);
  }

  /** Whether {@code insn}, an instruction of {@code m} (a method of {@code owner}), is a suspension point. */
  boolean isSuspensionPoint(ClassNode owner, MethodNode m, AbstractInsnNode insn, CallSiteClassifier classifier) {
    return classifier.isSuspensionPoint(insn);
  }

  /** The rule for a method of the class being instrumented. */
  static boolean isSuspendable(MethodNode m, CallSiteClassifier classifier) {
    if (m.exceptions != null && classifier.declaresSuspend(m.exceptions)) return true;
    return isAnnotated(m.visibleAnnotations) || isAnnotated(m.invisibleAnnotations);
  }

  /** The rule for a call's resolved target. */
  static boolean isSuspendable(TypeHierarchy.MethodInfo m, CallSiteClassifier classifier) {
    return m.hasAnnotation(Descriptors.SUSPENDABLE_DESC) || classifier.declaresSuspend(m.exceptions());
  }

  /**
   * Whether an exception type is {@code Suspend} or a subclass, whichever way types are represented;
   * {@code superClass} answers null at the top or for a type it cannot find.
   */
  static <T> boolean isSuspend(T type, Function<T, String> internalName, UnaryOperator<T> superClass) {
    for (T t = type; t != null; t = superClass.apply(t)) {
      String name = internalName.apply(t);
      if (name.equals(Descriptors.SUSPEND)) return true;
      if (name.startsWith("java/")) return false;
    }
    return false;
  }

  private static TypeDescription superClass(TypeDescription t) {
    try {
      TypeDescription.Generic s = t.getSuperClass();
      return s == null ? null : s.asErasure();
    } catch (IllegalStateException unresolvable) {
      // As the instrumenter does for a type it cannot find: not a Suspend.
      return null;
    }
  }

  private static boolean isAnnotated(List<AnnotationNode> annotations) {
    if (annotations == null) return false;
    for (AnnotationNode a : annotations) {
      if (a.desc.equals(Descriptors.SUSPENDABLE_DESC)) return true;
    }
    return false;
  }

  static boolean hasAnnotation(List<? extends AnnotationDescription> annotations, String descriptor) {
    for (AnnotationDescription a : annotations) {
      if (a.getAnnotationType().getDescriptor().equals(descriptor)) return true;
    }
    return false;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0, n = haystack.length - needle.length; i <= n; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) continue outer;
      }
      return true;
    }
    return false;
  }
}

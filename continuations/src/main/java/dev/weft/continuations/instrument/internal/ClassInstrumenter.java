package dev.weft.continuations.instrument.internal;

import dev.weft.continuations.instrument.InstrumentationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Instruments one class file: finds the methods whose frames must be savable, rewrites each with
 * {@link MethodInstrumenter}, and adds the class's resume dispatcher. The entry point of every
 * delivery mode (build plugin, agent, self-attach).
 */
public final class ClassInstrumenter {
  /** Which methods are instrumented. */
  public enum Mode {
    /** Methods that declare {@code throws Suspend}, are {@code @Suspendable}, or are lambda bodies and bridges. */
    DECLARED,
    /** Every method with a body, every call a suspension point: for verifying the instrumenter on real jars. */
    EVERY_METHOD,
    /**
     * As {@link #EVERY_METHOD}, plus a suspension point before every call that suspends whenever
     * the innermost continuation is of {@code Frames.INJECTION}: for checking that saving and
     * restoring at every possible point changes no result.
     */
    INJECT
  }

  private final TypeHierarchy hierarchy;
  private final Mode mode;

  public ClassInstrumenter(TypeHierarchy hierarchy, Mode mode) {
    this.hierarchy = hierarchy;
    this.mode = mode;
  }

  /** Whether a class of that internal name belongs to Weft's runtime, which is never instrumented. */
  public static boolean isRuntime(String internalName) {
    return internalName.equals("dev/weft/continuations/Continuation")
        || internalName.startsWith("dev/weft/continuations/internal/")
        || internalName.startsWith("dev/weft/continuations/instrument/");
  }

  /**
   * Returns the instrumented class file, or {@code null} if the class needs no change (nothing
   * suspends in it, or it was instrumented already).
   *
   * @throws InstrumentationException if the class cannot be instrumented as written
   */
  public byte[] instrument(byte[] classFile) {
    ClassNode node = new ClassNode();
    new ClassReader(classFile).accept(node, ClassReader.SKIP_FRAMES);
    if (isRuntime(node.name) || isInstrumented(node) || !transform(node)) return null;
    ClassWriter writer = new HierarchyClassWriter(ClassWriter.COMPUTE_FRAMES, hierarchy);
    node.accept(writer);
    try {
      return writer.toByteArray();
    } catch (org.objectweb.asm.MethodTooLargeException e) {
      throw new InstrumentationException("cannot instrument " + e.getClassName().replace('/', '.') + "." + e.getMethodName()
          + e.getDescriptor() + ": with its save and restore code the method exceeds the JVM's 64 KiB limit ("
          + e.getCodeSize() + " bytes); split it into smaller methods", e);
    } catch (org.objectweb.asm.ClassTooLargeException e) {
      throw new InstrumentationException("cannot instrument " + e.getClassName().replace('/', '.')
          + ": the instrumented class has too many constants; split the class", e);
    }
  }

  /** Counts of the last {@link #instrument} call, for reports. */
  public int methodsInstrumented;

  static boolean isInstrumented(ClassNode node) {
    if (node.visibleAnnotations == null) return false;
    for (AnnotationNode a : node.visibleAnnotations) {
      if (a.desc.equals(Descriptors.INSTRUMENTED_DESC)) return true;
    }
    return false;
  }

  private boolean transform(ClassNode node) {
    CallSiteClassifier classifier = new CallSiteClassifier(hierarchy, mode != Mode.DECLARED);
    if (mode == Mode.DECLARED) MethodReferences.desugar(node, classifier);
    Map<String, String> lambdaTokens = lambdaTokens(node);
    List<MethodNode> copies = new ArrayList<>();
    List<MethodNode> originals = new ArrayList<>();
    for (MethodNode m : new ArrayList<>(node.methods)) {
      if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) continue;
      if (m.name.equals("<init>") || m.name.equals("<clinit>")) {
        if (mode == Mode.DECLARED) refuseSuspendingInitializer(node, m, classifier);
        continue;
      }
      if (mode == Mode.DECLARED && !isCandidate(m, classifier, lambdaTokens)) continue;
      if (mode == Mode.INJECT) injectBeforeCalls(m);
      List<MethodInsnNode> calls = new ArrayList<>();
      for (AbstractInsnNode insn : m.instructions) {
        if (classifier.isSuspensionPoint(insn)) calls.add((MethodInsnNode) insn);
      }
      if (calls.isEmpty()) continue;
      UninitializedRewriter.rewrite(node, m, new HashSet<>(calls));
      String expected = lambdaTokens.getOrDefault(m.name + m.desc, m.name + m.desc);
      MethodNode copy = MethodInstrumenter.instrument(node, m, originals.size(), calls, hierarchy, expected);
      mark(m);
      mark(copy);
      originals.add(m);
      copies.add(copy);
    }
    methodsInstrumented = originals.size();
    if (originals.isEmpty()) return false;
    if (originals.size() > 0xFFFF) {
      throw new InstrumentationException("cannot instrument " + node.name.replace('/', '.') + ": more than 65535 suspendable methods");
    }
    node.methods.addAll(copies);
    node.methods.add(dispatcher(node, originals, copies));
    if (node.visibleAnnotations == null) node.visibleAnnotations = new ArrayList<>();
    node.visibleAnnotations.add(new AnnotationNode(Descriptors.INSTRUMENTED_DESC));
    // Resume entries are lambdas and copies may be private interface methods: Java 8 class files at least.
    if ((node.version & 0xFFFF) < Opcodes.V1_8) node.version = Opcodes.V1_8;
    return true;
  }

  private static void injectBeforeCalls(MethodNode m) {
    for (AbstractInsnNode insn : m.instructions.toArray()) {
      if (insn instanceof MethodInsnNode && !((MethodInsnNode) insn).name.equals("<init>")) {
        m.instructions.insertBefore(insn, new MethodInsnNode(Opcodes.INVOKESTATIC, Descriptors.FRAMES, "inject", "()V", false));
      }
    }
  }

  private boolean isCandidate(MethodNode m, CallSiteClassifier classifier, Map<String, String> lambdaTokens) {
    if ((m.access & Opcodes.ACC_BRIDGE) != 0 || lambdaTokens.containsKey(m.name + m.desc)) return true;
    if (m.exceptions != null && classifier.declaresSuspend(m.exceptions)) return true;
    return hasAnnotation(m.visibleAnnotations) || hasAnnotation(m.invisibleAnnotations);
  }

  private static boolean hasAnnotation(List<AnnotationNode> annotations) {
    if (annotations == null) return false;
    for (AnnotationNode a : annotations) {
      if (a.desc.equals(Descriptors.SUSPENDABLE_DESC)) return true;
    }
    return false;
  }

  /** Constructors and static initialisers cannot keep a frame: refuse one that calls a suspending method. */
  private void refuseSuspendingInitializer(ClassNode node, MethodNode m, CallSiteClassifier classifier) {
    for (AbstractInsnNode insn : m.instructions) {
      if (!(insn instanceof MethodInsnNode)) continue;
      MethodInsnNode call = (MethodInsnNode) insn;
      if (call.name.equals("<init>") || call.owner.startsWith("[")) continue;
      if ((m.exceptions != null && classifier.declaresSuspend(m.exceptions)) && classifier.isSuspendable(call.owner, call.name, call.desc)) {
        throw new InstrumentationException("cannot instrument " + Naming.method(node, m) + Naming.where(node, call)
            + ": " + (m.name.equals("<init>") ? "a constructor" : "a static initialiser") + " cannot suspend, but it calls "
            + call.owner.replace('/', '.') + "." + call.name + call.desc
            + "; move the suspending call into a method (for example a static factory)");
      }
    }
  }

  /** For each lambda body of this class: the token its functional interface's callers leave. */
  private static Map<String, String> lambdaTokens(ClassNode node) {
    Map<String, String> tokens = new HashMap<>();
    for (MethodNode m : node.methods) {
      for (AbstractInsnNode insn : m.instructions) {
        if (!(insn instanceof InvokeDynamicInsnNode)) continue;
        InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
        if (!indy.bsm.getOwner().equals(Descriptors.METAFACTORY_OWNER) || indy.bsmArgs.length < 3) continue;
        if (!(indy.bsmArgs[0] instanceof Type) || !(indy.bsmArgs[1] instanceof Handle)) continue;
        Handle impl = (Handle) indy.bsmArgs[1];
        if (impl.getOwner().equals(node.name) && isSynthetic(node, impl)) {
          tokens.put(impl.getName() + impl.getDesc(), indy.name + ((Type) indy.bsmArgs[0]).getDescriptor());
        }
      }
    }
    return tokens;
  }

  private static boolean isSynthetic(ClassNode node, Handle impl) {
    for (MethodNode m : node.methods) {
      if (m.name.equals(impl.getName()) && m.desc.equals(impl.getDesc())) return (m.access & Opcodes.ACC_SYNTHETIC) != 0;
    }
    return false;
  }

  private static void mark(MethodNode m) {
    if (m.visibleAnnotations == null) m.visibleAnnotations = new ArrayList<>();
    m.visibleAnnotations.add(new AnnotationNode(Descriptors.INSTRUMENTED_DESC));
  }

  /**
   * {@code weft$resume(Carrier c, long header)}: calls the resume copy of the method the header
   * names, and hands its return value to the carrier for the caller's frame.
   */
  private static MethodNode dispatcher(ClassNode node, List<MethodNode> originals, List<MethodNode> copies) {
    MethodNode d = new MethodNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
        Descriptors.DISPATCHER, Descriptors.DISPATCHER_DESC, null, null);
    boolean isInterface = (node.access & Opcodes.ACC_INTERFACE) != 0;
    InsnList l = d.instructions;
    l.add(new VarInsnNode(Opcodes.LLOAD, 1));
    FrameCode.frames(l, "method", "(J)I");
    LabelNode[] targets = new LabelNode[copies.size()];
    for (int i = 0; i < targets.length; i++) targets[i] = new LabelNode();
    l.add(new TableSwitchInsnNode(0, targets.length - 1, targets[0], targets));
    for (int i = 0; i < targets.length; i++) {
      MethodNode copy = copies.get(i);
      l.add(targets[i]);
      l.add(new VarInsnNode(Opcodes.ALOAD, 0));
      l.add(new VarInsnNode(Opcodes.ALOAD, 0));
      l.add(new VarInsnNode(Opcodes.LLOAD, 1));
      FrameCode.frames(l, "site", "(J)I");
      l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, node.name, copy.name, copy.desc, isInterface));
      FrameCode.returnValue(l, Type.getReturnType(originals.get(i).desc));
      l.add(new InsnNode(Opcodes.RETURN));
    }
    d.maxLocals = 3;
    mark(d);
    return d;
  }
}

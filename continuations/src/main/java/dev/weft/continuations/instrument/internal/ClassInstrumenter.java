package dev.weft.continuations.instrument.internal;

import dev.weft.continuations.instrument.InstrumentationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Instruments one class file: finds the methods whose frames must be savable, rewrites each with
 * {@link MethodInstrumenter}, and adds the class's resume dispatcher. The entry point of every
 * delivery mode (build plugin, agent, self-attach).
 */
public final class ClassInstrumenter {
  private final TypeHierarchy hierarchy;
  private final Selection selection;

  public ClassInstrumenter(TypeHierarchy hierarchy, Selection selection) {
    this.hierarchy = hierarchy;
    this.selection = selection;
  }

  /**
   * Returns the instrumented class file, or {@code null} if the class needs no change (nothing
   * suspends in it, or it was instrumented already).
   *
   * @throws InstrumentationException if the class cannot be instrumented as written
   */
  public byte[] instrument(byte[] classFile) {
    ClassNode node = ClassFileReader.read(classFile);
    if (InstrumentedMarker.isMarked(node)) InstrumentedMarker.requireCurrentAbi(node);
    if (!Selection.admits(node) || !transform(node)) return null;
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

  private boolean transform(ClassNode node) {
    CallSiteClassifier classifier = new CallSiteClassifier(hierarchy);
    selection.prepare(node, classifier);
    LambdaBodies lambdas = LambdaBodies.of(node);
    List<MethodNode> copies = new ArrayList<>();
    List<MethodNode> originals = new ArrayList<>();
    List<String> siteTable = new ArrayList<>();
    java.util.Map<String, List<MethodInsnNode>> callsByMethod = new java.util.HashMap<>();
    for (MethodNode m : new ArrayList<>(node.methods)) {
      if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) continue;
      if (m.name.equals("<init>") || m.name.equals("<clinit>")) {
        RefusalCheck.checkInitializer(node, m, classifier);
        continue;
      }
      if (!selection.selects(node, m, lambdas, classifier)) continue;
      List<MethodInsnNode> calls = new ArrayList<>();
      Reachability flow = Reachability.of(m);
      for (AbstractInsnNode insn : m.instructions) {
        if (selection.isSuspensionPoint(node, m, insn, classifier) && flow.isReachable(insn)) calls.add((MethodInsnNode) insn);
      }
      if (calls.isEmpty()) continue;
      siteTable.add(InstrumentedMarker.siteEntry(m, calls));
      callsByMethod.put(m.name + m.desc, calls);
      UninitializedRewriter.rewrite(node, m, new HashSet<>(calls));
      MethodNode copy = MethodInstrumenter.instrument(node, m, originals.size(), calls, hierarchy, classifier, lambdas);
      InstrumentedMarker.mark(m);
      InstrumentedMarker.mark(copy);
      originals.add(m);
      copies.add(copy);
    }
    methodsInstrumented = originals.size();
    if (originals.isEmpty()) return false;
    if (originals.size() > 0xFFFF) {
      throw new InstrumentationException("cannot instrument " + node.name.replace('/', '.') + ": more than 65535 suspendable methods");
    }
    node.methods.addAll(copies);
    LambdaNaming.rename(node, callsByMethod, lambdas); // in the copies too: a lambda made after a resume
    node.methods.add(DispatcherEmitter.emit(node, originals, copies));
    InitializerGuard.guard(node);
    InstrumentedMarker.mark(node, siteTable);
    // Resume entries are lambdas and copies may be private interface methods: Java 8 class files at least.
    if ((node.version & 0xFFFF) < Opcodes.V1_8) node.version = Opcodes.V1_8;
    return true;
  }
}

package dev.weft.continuations.instrument.internal;

import dev.weft.continuations.instrument.InstrumentationException;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Types of locals and operand stack at every instruction of a method, plus its control-flow
 * graph. Analysis only: nothing here emits code.
 */
final class FrameAnalysis {
  final Frame<BasicValue>[] frames;
  /** Normal successors of each instruction. */
  final List<List<Integer>> successors;
  /** Exception handlers each instruction may jump to. */
  final List<List<Integer>> handlers;

  private FrameAnalysis(Frame<BasicValue>[] frames, List<List<Integer>> successors, List<List<Integer>> handlers) {
    this.frames = frames;
    this.successors = successors;
    this.handlers = handlers;
  }

  static FrameAnalysis of(ClassNode owner, MethodNode method, TypeHierarchy hierarchy) {
    List<Type> interfaces = new ArrayList<>();
    for (String i : owner.interfaces) interfaces.add(Type.getObjectType(i));
    HierarchyVerifier verifier = new HierarchyVerifier(hierarchy, Type.getObjectType(owner.name),
        owner.superName == null ? null : Type.getObjectType(owner.superName), interfaces,
        (owner.access & Opcodes.ACC_INTERFACE) != 0);
    int n = method.instructions.size();
    List<List<Integer>> successors = new ArrayList<>(n);
    List<List<Integer>> handlers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      successors.add(new ArrayList<>(2));
      handlers.add(new ArrayList<>(1));
    }
    Analyzer<BasicValue> analyzer = new Analyzer<>(verifier) {
      @Override
      protected void newControlFlowEdge(int insn, int successor) {
        successors.get(insn).add(successor);
      }

      @Override
      protected boolean newControlFlowExceptionEdge(int insn, int successor) {
        handlers.get(insn).add(successor);
        return true;
      }
    };
    try {
      return new FrameAnalysis(analyzer.analyze(owner.name, method), successors, handlers);
    } catch (AnalyzerException e) {
      throw new InstrumentationException("cannot analyse " + Naming.method(owner, method) + ": " + e.getMessage(), e);
    }
  }
}

package dev.weft.continuations.instrument.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Which instructions run while the method holds a monitor: all of a {@code synchronized} method,
 * and whatever lies between a {@code monitorenter} and its {@code monitorexit} on some path. A
 * forward dataflow over the control-flow graph; merging takes the larger depth, so a call site
 * that holds a monitor on any path is treated as holding one.
 */
final class MonitorRegions {
  private static final int MAX_DEPTH = 64;

  private MonitorRegions() {}

  /** For each instruction index, true if a monitor may be held when it executes. */
  static boolean[] of(MethodNode method, List<List<Integer>> successors, List<List<Integer>> handlers) {
    int n = method.instructions.size();
    boolean[] held = new boolean[n];
    if ((method.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
      java.util.Arrays.fill(held, true);
      return held;
    }
    boolean any = false;
    for (AbstractInsnNode insn : method.instructions) {
      if (insn.getOpcode() == Opcodes.MONITORENTER) any = true;
    }
    if (!any || n == 0) return held;
    int[] depth = new int[n];
    java.util.Arrays.fill(depth, -1);
    Deque<Integer> work = new ArrayDeque<>();
    depth[0] = 0;
    work.add(0);
    while (!work.isEmpty()) {
      int i = work.poll();
      int d = depth[i];
      int op = method.instructions.get(i).getOpcode();
      int out = op == Opcodes.MONITORENTER ? Math.min(MAX_DEPTH, d + 1) : op == Opcodes.MONITOREXIT ? Math.max(0, d - 1) : d;
      for (int s : successors.get(i)) flow(depth, work, s, out);
      // An exception leaves before the instruction completed: a monitorexit that throws still held it.
      for (int s : handlers.get(i)) flow(depth, work, s, d);
    }
    for (int i = 0; i < n; i++) held[i] = depth[i] > 0;
    return held;
  }

  private static void flow(int[] depth, Deque<Integer> work, int s, int v) {
    if (v > depth[s]) {
      depth[s] = v;
      work.add(s);
    }
  }
}

package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import dev.weft.continuations.instrument.internal.Selection;

/**
 * {@code -Dweft.allLocals=true} at instrumentation time saves every local at a suspension point,
 * as a debugger stepping through resumed code wants; without it only the locals read after the
 * call are saved. Both versions verify and compute the same result.
 */
class AllLocalsPropertyTest {
  private static final String SOURCE = """
      package fx;
      import dev.weft.continuations.*;
      public class Locals implements java.util.concurrent.Callable<String> {
        static final ContinuationScope S = new ContinuationScope("locals");
        static long afterwards(int d, long keep, String name) throws Suspend {
          long twice = keep * 2 + name.length() + d;
          Continuation.suspend(S);
          return twice;
        }
        public String call() {
          long[] out = new long[1];
          Continuation k = new Continuation(S, () -> out[0] = afterwards(3, 5, "ab"));
          while (!k.isDone()) k.run();
          return String.valueOf(out[0]);
        }
      }
      """;

  /* The record stores of afterwards(): Frames.putInt/putLong/putRef calls in its save block. */
  private static int savedSlots(byte[] classFile) {
    ClassNode node = new ClassNode();
    new ClassReader(classFile).accept(node, 0);
    for (MethodNode m : node.methods) {
      if (!m.name.equals("afterwards")) continue;
      int puts = 0;
      for (AbstractInsnNode insn : m.instructions) {
        if (insn.getOpcode() == Opcodes.INVOKESTATIC && ((MethodInsnNode) insn).name.startsWith("put")) puts++;
      }
      return puts;
    }
    throw new AssertionError("afterwards() not found");
  }

  private static int instrumentAndRun(Map<String, byte[]> compiled) throws Exception {
    Map<String, byte[]> classes = ClassFiles.instrument(compiled, Selection.DECLARED);
    ClassLoader loader = ClassFiles.childFirst(classes);
    for (byte[] b : classes.values()) assertEquals("", ClassFiles.verify(b, loader));
    @SuppressWarnings("unchecked")
    Callable<String> fixture = (Callable<String>) loader.loadClass("fx.Locals").getDeclaredConstructor().newInstance();
    assertEquals("15", fixture.call());
    return savedSlots(classes.get("fx.Locals"));
  }

  @Test
  void allLocalsProperty_savesTheDeadLocalsToo_andBothVersionsRunAlike() throws Exception {
    Map<String, byte[]> compiled = ClassFiles.compile("fx.Locals", SOURCE);
    assertEquals(1, instrumentAndRun(compiled), "only twice is read after the suspension");
    String before = System.getProperty("weft.allLocals");
    System.setProperty("weft.allLocals", "true");
    try {
      assertEquals(4, instrumentAndRun(compiled), "d, keep, name and twice");
    } finally {
      if (before == null) System.clearProperty("weft.allLocals");
      else System.setProperty("weft.allLocals", before);
    }
  }
}

package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.instrument.internal.TestSelections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Class files older than Java 7 may compile {@code finally} to {@code jsr}/{@code ret}
 * subroutines (commons-collections 2.1 has 126 of them). They used to fail with ASM's "JSR/RET are
 * not supported with computeFrames option"; now they are inlined and the method suspends like any.
 */
class SubroutineClassTest {
  private static final String NAME = "fx/Subroutines";

  @Test
  void finallyAsSubroutine_suspendedBeforeEveryCall_runsItsFinallyOnceOnEachPath() throws Exception {
    Map<String, byte[]> injected = ClassFiles.instrument(Map.of("fx.Subroutines", java14Class()), TestSelections.INJECT);
    ClassLoader loader = ClassFiles.childFirst(injected);
    assertEquals("", ClassFiles.verify(injected.get("fx.Subroutines"), loader));
    Class<?> c = loader.loadClass("fx.Subroutines");
    Runnable body = (Runnable) c.getDeclaredConstructor().newInstance();
    int suspensions = ClassFiles.runInjected(body);
    assertEquals(42, c.getField("result").getInt(null));
    assertEquals(1, c.getField("finallies").getInt(null));
    assertTrue(suspensions >= 2, "suspensions: " + suspensions);
  }

  /**
   * As javac 1.3 compiled {@code class Subroutines implements Runnable { static int result, finallies;
   * static int twice(int x) { try { return plusOne(x) * 2 - 2; } finally { finallies++; } }
   * public void run() { result = twice(21); } ... }}: the finally body is a subroutine entered by jsr.
   */
  private static byte[] java14Class() {
    ClassWriter w = ClassFiles.runnableClass(Opcodes.V1_4, NAME);
    w.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "finallies", "I", null, null);
    MethodVisitor plusOne = w.visitMethod(Opcodes.ACC_STATIC, "plusOne", "(I)I", null, null);
    plusOne.visitVarInsn(Opcodes.ILOAD, 0);
    plusOne.visitInsn(Opcodes.ICONST_1);
    plusOne.visitInsn(Opcodes.IADD);
    plusOne.visitInsn(Opcodes.IRETURN);
    plusOne.visitMaxs(0, 0);
    twice(w.visitMethod(Opcodes.ACC_STATIC, "twice", "(I)I", null, null));
    MethodVisitor run = w.visitMethod(Opcodes.ACC_PUBLIC, "run", "()V", null, null);
    run.visitIntInsn(Opcodes.BIPUSH, 21);
    run.visitMethodInsn(Opcodes.INVOKESTATIC, NAME, "twice", "(I)I", false);
    run.visitFieldInsn(Opcodes.PUTSTATIC, NAME, "result", "I");
    run.visitInsn(Opcodes.RETURN);
    run.visitMaxs(0, 0);
    w.visitEnd();
    return w.toByteArray();
  }

  private static void twice(MethodVisitor m) {
    Label start = new Label(), end = new Label(), handler = new Label(), subroutine = new Label();
    m.visitTryCatchBlock(start, end, handler, null);
    m.visitLabel(start);
    m.visitVarInsn(Opcodes.ILOAD, 0);
    m.visitMethodInsn(Opcodes.INVOKESTATIC, NAME, "plusOne", "(I)I", false);
    m.visitInsn(Opcodes.ICONST_2);
    m.visitInsn(Opcodes.IMUL);
    m.visitInsn(Opcodes.ICONST_2);
    m.visitInsn(Opcodes.ISUB);
    m.visitVarInsn(Opcodes.ISTORE, 1);
    m.visitJumpInsn(Opcodes.JSR, subroutine);
    m.visitVarInsn(Opcodes.ILOAD, 1);
    m.visitLabel(end);
    m.visitInsn(Opcodes.IRETURN);
    m.visitLabel(handler);
    m.visitVarInsn(Opcodes.ASTORE, 2);
    m.visitJumpInsn(Opcodes.JSR, subroutine);
    m.visitVarInsn(Opcodes.ALOAD, 2);
    m.visitInsn(Opcodes.ATHROW);
    m.visitLabel(subroutine);
    m.visitVarInsn(Opcodes.ASTORE, 3);
    m.visitFieldInsn(Opcodes.GETSTATIC, NAME, "finallies", "I");
    m.visitInsn(Opcodes.ICONST_1);
    m.visitInsn(Opcodes.IADD);
    m.visitFieldInsn(Opcodes.PUTSTATIC, NAME, "finallies", "I");
    m.visitVarInsn(Opcodes.RET, 3);
    m.visitMaxs(0, 0);
  }
}

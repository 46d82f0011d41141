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
 * A call in code that can never run (ECJ emits such code; javac does not) used to fail the whole
 * class with "unreachable call site" (ECJ 3.33's {@code EclipseFileManager}); it is no suspension
 * point, and the live calls around it still are.
 */
class DeadCodeTest {
  private static final String NAME = "fx/Dead";

  @Test
  void callInDeadCode_isNoSuspensionPoint_andTheLiveCallsStillSuspend() throws Exception {
    Map<String, byte[]> injected = ClassFiles.instrument(Map.of("fx.Dead", classWithDeadCall()), TestSelections.INJECT);
    ClassLoader loader = ClassFiles.childFirst(injected);
    assertEquals("", ClassFiles.verify(injected.get("fx.Dead"), loader));
    Class<?> c = loader.loadClass("fx.Dead");
    int suspensions = ClassFiles.runInjected((Runnable) c.getDeclaredConstructor().newInstance());
    assertEquals(7, c.getField("result").getInt(null));
    assertTrue(suspensions >= 1, "suspensions: " + suspensions);
  }

  /** {@code public void run() { result = seven(); goto end; seven(); pop; end: return; }} */
  private static byte[] classWithDeadCall() {
    ClassWriter w = ClassFiles.runnableClass(Opcodes.V17, NAME);
    MethodVisitor seven = w.visitMethod(Opcodes.ACC_STATIC, "seven", "()I", null, null);
    seven.visitIntInsn(Opcodes.BIPUSH, 7);
    seven.visitInsn(Opcodes.IRETURN);
    seven.visitMaxs(0, 0);
    MethodVisitor run = w.visitMethod(Opcodes.ACC_PUBLIC, "run", "()V", null, null);
    Label end = new Label();
    run.visitMethodInsn(Opcodes.INVOKESTATIC, NAME, "seven", "()I", false);
    run.visitFieldInsn(Opcodes.PUTSTATIC, NAME, "result", "I");
    run.visitJumpInsn(Opcodes.GOTO, end);
    run.visitMethodInsn(Opcodes.INVOKESTATIC, NAME, "seven", "()I", false);
    run.visitInsn(Opcodes.POP);
    run.visitLabel(end);
    run.visitInsn(Opcodes.RETURN);
    run.visitMaxs(0, 0);
    w.visitEnd();
    // No frames are written (COMPUTE_MAXS only); the instrumenter computes its own.
    return w.toByteArray();
  }
}

package dev.weft.continuations.instrument.peer;

import dev.weft.continuations.SuspendableRunnable;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A direct call into a test method, as a {@link SuspendableRunnable}: reflection would enter the
 * method through JDK frames, which leave no token, so the test's frames could not be saved and no
 * injection would suspend. Each trampoline is a class of the test's own package and loader
 * (package-private test methods are common), defined and instrumented by its {@link PeerLoader}.
 */
final class Trampolines {
  private static final AtomicInteger NUMBER = new AtomicInteger();
  private static final Map<Method, Class<?>> MADE = new ConcurrentHashMap<>();

  private Trampolines() {}

  /** A body that calls {@code method}, an instance method without parameters, on {@code target}. */
  static SuspendableRunnable of(PeerLoader loader, Method method, Object target) throws ReflectiveOperationException {
    Class<?> c = MADE.computeIfAbsent(method, m -> {
      String name = nameFor(m);
      return loader.define(name, classFile(name, m));
    });
    return (SuspendableRunnable) c.getConstructor(Object.class).newInstance(target);
  }

  private static String nameFor(Method m) {
    return m.getDeclaringClass().getPackageName() + ".WeftTrampoline$" + NUMBER.incrementAndGet();
  }

  private static byte[] classFile(String binaryName, Method m) {
    String name = binaryName.replace('.', '/');
    String owner = Type.getInternalName(m.getDeclaringClass());
    ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER | Opcodes.ACC_FINAL, name, null, "java/lang/Object",
        new String[] {Type.getInternalName(SuspendableRunnable.class)});
    w.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "target", "Ljava/lang/Object;", null, null);
    MethodVisitor init = w.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(Ljava/lang/Object;)V", null, null);
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitVarInsn(Opcodes.ALOAD, 1);
    init.visitFieldInsn(Opcodes.PUTFIELD, name, "target", "Ljava/lang/Object;");
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    MethodVisitor run = w.visitMethod(Opcodes.ACC_PUBLIC, "run", "()V", null, new String[] {"dev/weft/continuations/Suspend"});
    run.visitVarInsn(Opcodes.ALOAD, 0);
    run.visitFieldInsn(Opcodes.GETFIELD, name, "target", "Ljava/lang/Object;");
    run.visitTypeInsn(Opcodes.CHECKCAST, owner);
    boolean itf = m.getDeclaringClass().isInterface();
    run.visitMethodInsn(itf ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL, owner, m.getName(), "()V", itf);
    run.visitInsn(Opcodes.RETURN);
    run.visitMaxs(0, 0);
    w.visitEnd();
    return w.toByteArray();
  }
}

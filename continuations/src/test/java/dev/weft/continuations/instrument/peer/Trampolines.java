package dev.weft.continuations.instrument.peer;

import dev.weft.continuations.SuspendableRunnable;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
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
 * (package-private and protected test methods are common), defined and instrumented by its
 * {@link PeerLoader}, one per test method. It holds the target and the invocation's arguments, as
 * JUnit resolved and converted them; its {@code run()} casts each to its parameter type, unboxes
 * the primitive ones and calls the method.
 */
final class Trampolines {
  private static final AtomicInteger NUMBER = new AtomicInteger();
  /** The trampoline class per test method, or empty if none could be made for it. */
  private static final Map<Method, Optional<Class<?>>> MADE = new ConcurrentHashMap<>();

  private Trampolines() {}

  /**
   * A body that calls {@code method}, an instance method returning void, on {@code target} with
   * {@code arguments}; empty if no trampoline can be made for it (a declaring class or parameter
   * type that the loader does not define or see, or a class file it refuses to define), so the
   * caller runs the test as it is.
   */
  static Optional<SuspendableRunnable> of(PeerLoader loader, Method method, Object target, Object[] arguments)
      throws ReflectiveOperationException {
    if (arguments.length != method.getParameterCount()) return Optional.empty();
    Optional<Class<?>> c = MADE.computeIfAbsent(method, m -> make(loader, m));
    if (c.isEmpty()) return Optional.empty();
    return Optional.of((SuspendableRunnable) c.get().getConstructor(Object.class, Object[].class)
        .newInstance(target, arguments.clone()));
  }

  private static Optional<Class<?>> make(PeerLoader loader, Method m) {
    if (m.getDeclaringClass().getClassLoader() != loader || m.getReturnType() != void.class) return Optional.empty();
    try {
      for (Class<?> p : m.getParameterTypes()) {
        if (!p.isPrimitive() && Class.forName(p.getName(), false, loader) != p) return Optional.empty();
      }
      String name = m.getDeclaringClass().getPackageName() + ".WeftTrampoline$" + NUMBER.incrementAndGet();
      return Optional.of(loader.define(name, classFile(name, m)));
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      loader.refused.add("trampoline for " + m + ": " + e);
      return Optional.empty();
    }
  }

  static byte[] classFile(String binaryName, Method m) {
    String name = binaryName.replace('.', '/');
    String owner = Type.getInternalName(m.getDeclaringClass());
    ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER | Opcodes.ACC_FINAL, name, null, "java/lang/Object",
        new String[] {Type.getInternalName(SuspendableRunnable.class)});
    w.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "target", "Ljava/lang/Object;", null, null);
    w.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "arguments", "[Ljava/lang/Object;", null, null);
    MethodVisitor init = w.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(Ljava/lang/Object;[Ljava/lang/Object;)V", null, null);
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitVarInsn(Opcodes.ALOAD, 1);
    init.visitFieldInsn(Opcodes.PUTFIELD, name, "target", "Ljava/lang/Object;");
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitVarInsn(Opcodes.ALOAD, 2);
    init.visitFieldInsn(Opcodes.PUTFIELD, name, "arguments", "[Ljava/lang/Object;");
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    MethodVisitor run = w.visitMethod(Opcodes.ACC_PUBLIC, "run", "()V", null, new String[] {"dev/weft/continuations/Suspend"});
    run.visitVarInsn(Opcodes.ALOAD, 0);
    run.visitFieldInsn(Opcodes.GETFIELD, name, "target", "Ljava/lang/Object;");
    run.visitTypeInsn(Opcodes.CHECKCAST, owner);
    Class<?>[] parameters = m.getParameterTypes();
    for (int i = 0; i < parameters.length; i++) {
      run.visitVarInsn(Opcodes.ALOAD, 0);
      run.visitFieldInsn(Opcodes.GETFIELD, name, "arguments", "[Ljava/lang/Object;");
      run.visitLdcInsn(i);
      run.visitInsn(Opcodes.AALOAD);
      loadAs(run, parameters[i]);
    }
    boolean itf = m.getDeclaringClass().isInterface();
    run.visitMethodInsn(itf ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL, owner, m.getName(),
        Type.getMethodDescriptor(m), itf);
    run.visitInsn(Opcodes.RETURN);
    run.visitMaxs(0, 0);
    w.visitEnd();
    return w.toByteArray();
  }

  /** Turns the Object on the stack into a value of {@code type}: a cast, and for a primitive its box's unboxing. */
  private static void loadAs(MethodVisitor mv, Class<?> type) {
    if (!type.isPrimitive()) {
      if (type != Object.class) mv.visitTypeInsn(Opcodes.CHECKCAST, Type.getInternalName(type));
      return;
    }
    String box = Type.getInternalName(java.lang.invoke.MethodType.methodType(type).wrap().returnType());
    mv.visitTypeInsn(Opcodes.CHECKCAST, box);
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, box, type.getName() + "Value", "()" + Type.getDescriptor(type), false);
  }
}

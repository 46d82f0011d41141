package dev.weft.junit.internal;

import static org.objectweb.asm.Opcodes.*;

import dev.weft.continuations.SuspendableCallable;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * A {@link SuspendableCallable} that calls one method with given arguments, as compiled code:
 * {@code ((Owner) target).method((A) args[0], ...)}.
 *
 * <p>A method called by reflection cannot suspend (the reflective frames between it and its
 * continuation cannot be saved, and Weft refuses before anything is lost). The bridge is a class
 * like any other test class, defined in the method's own package and class loader, so Weft's
 * load-time instrumentation (installed by {@link InstallWeft}) makes its {@code call()} a regular
 * suspendable frame calling the method at a suspension point.
 */
public final class CallBridges {
  private static final Map<Method, Constructor<?>> BRIDGES = new ConcurrentHashMap<>();
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String CALLABLE = Type.getInternalName(SuspendableCallable.class);
  private static final String SUSPEND = "dev/weft/continuations/Suspend";

  private CallBridges() {}

  /** The bridge calling {@code method} on {@code target} (null if static) with {@code args}. */
  @SuppressWarnings("unchecked")
  public static SuspendableCallable<Object> of(Method method, Object target, Object[] args) {
    Constructor<?> c = BRIDGES.computeIfAbsent(method, CallBridges::define);
    try {
      return (SuspendableCallable<Object>) c.newInstance(target, args.clone());
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Constructor<?> define(Method method) {
    Class<?> owner = method.getDeclaringClass();
    if (Modifier.isPrivate(method.getModifiers())) {
      throw new IllegalArgumentException(method + " is private: JUnit does not run private test methods, and no bridge can call one");
    }
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
      Class<?> bridge = lookup.defineClass(bytes(method, owner));
      Constructor<?> c = bridge.getDeclaredConstructor(Object.class, Object[].class);
      c.setAccessible(true);
      return c;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot define the call bridge for " + method + ": " + e, e);
    }
  }

  private static byte[] bytes(Method method, Class<?> owner) {
    String name = Type.getInternalName(owner) + "$WeftCall$" + method.getName() + "$" + COUNTER.incrementAndGet();
    boolean isStatic = Modifier.isStatic(method.getModifiers());
    boolean isInterface = owner.isInterface();
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(V11, ACC_PUBLIC | ACC_FINAL | ACC_SYNTHETIC | ACC_SUPER, name, null, "java/lang/Object", new String[] {CALLABLE});
    cw.visitField(ACC_PRIVATE | ACC_FINAL, "target", "Ljava/lang/Object;", null, null).visitEnd();
    cw.visitField(ACC_PRIVATE | ACC_FINAL, "args", "[Ljava/lang/Object;", null, null).visitEnd();

    MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "(Ljava/lang/Object;[Ljava/lang/Object;)V", null, null);
    init.visitCode();
    init.visitVarInsn(ALOAD, 0);
    init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitVarInsn(ALOAD, 0);
    init.visitVarInsn(ALOAD, 1);
    init.visitFieldInsn(PUTFIELD, name, "target", "Ljava/lang/Object;");
    init.visitVarInsn(ALOAD, 0);
    init.visitVarInsn(ALOAD, 2);
    init.visitFieldInsn(PUTFIELD, name, "args", "[Ljava/lang/Object;");
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();

    MethodVisitor call = cw.visitMethod(ACC_PUBLIC, "call", "()Ljava/lang/Object;", null, new String[] {SUSPEND});
    call.visitCode();
    if (!isStatic) {
      call.visitVarInsn(ALOAD, 0);
      call.visitFieldInsn(GETFIELD, name, "target", "Ljava/lang/Object;");
      call.visitTypeInsn(CHECKCAST, Type.getInternalName(owner));
    }
    Class<?>[] params = method.getParameterTypes();
    for (int i = 0; i < params.length; i++) {
      call.visitVarInsn(ALOAD, 0);
      call.visitFieldInsn(GETFIELD, name, "args", "[Ljava/lang/Object;");
      call.visitLdcInsn(i);
      call.visitInsn(AALOAD);
      unbox(call, params[i]);
    }
    int opcode = isStatic ? INVOKESTATIC : isInterface ? INVOKEINTERFACE : INVOKEVIRTUAL;
    call.visitMethodInsn(opcode, Type.getInternalName(owner), method.getName(), Type.getMethodDescriptor(method), isInterface);
    box(call, method.getReturnType());
    call.visitInsn(ARETURN);
    call.visitMaxs(0, 0);
    call.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static void unbox(MethodVisitor mv, Class<?> type) {
    if (!type.isPrimitive()) {
      mv.visitTypeInsn(CHECKCAST, Type.getInternalName(type));
      return;
    }
    Type boxed = Type.getType(MethodHandles.zero(type).type().wrap().returnType());
    mv.visitTypeInsn(CHECKCAST, boxed.getInternalName());
    mv.visitMethodInsn(INVOKEVIRTUAL, boxed.getInternalName(), type.getName() + "Value", "()" + Type.getDescriptor(type), false);
  }

  private static void box(MethodVisitor mv, Class<?> type) {
    if (type == void.class) {
      mv.visitInsn(ACONST_NULL);
    } else if (type.isPrimitive()) {
      Type boxed = Type.getType(MethodHandles.zero(type).type().wrap().returnType());
      mv.visitMethodInsn(INVOKESTATIC, boxed.getInternalName(), "valueOf", "(" + Type.getDescriptor(type) + ")" + boxed.getDescriptor(), false);
    }
  }
}

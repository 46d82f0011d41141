package dev.weft.continuations.instrument.peer;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.internal.abi.Injection;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs the body of each test of an injecting {@link PeerLoader} in a continuation of the
 * injection scope, resumed until it ends: the test's frames, and the library's under them, are
 * saved and restored before every call they make. Registered by service loading for the injected
 * run only ({@link PeerSuite}); a test with parameters (a parameterised or repeated one) runs as it is, and is counted.
 */
public final class InjectingInterceptor implements InvocationInterceptor {
  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
      ExtensionContext extension) throws Throwable {
    Method method = context.getExecutable();
    Object target = context.getTarget().orElse(null);
    if (target == null || !(target.getClass().getClassLoader() instanceof PeerLoader)
        || !((PeerLoader) target.getClass().getClassLoader()).isInjecting()
        || method.getParameterCount() != 0 || method.getReturnType() != void.class) {
      PeerSuite.notInjected.incrementAndGet();
      invocation.proceed();
      return;
    }
    PeerLoader loader = (PeerLoader) target.getClass().getClassLoader();
    runInjected(loader, method, target, invocation);
  }

  /** Parameterised and repeated tests take arguments from JUnit: run as they are, and counted. */
  @Override
  public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
      ExtensionContext extension) throws Throwable {
    PeerSuite.notInjected.incrementAndGet();
    invocation.proceed();
  }

  private static void runInjected(PeerLoader loader, Method method, Object target, Invocation<Void> invocation) throws Throwable {
    Continuation k = new Continuation(Injection.INJECTION, Trampolines.of(loader, method, target));
    long suspensions = 0;
    try {
      for (k.run(); !k.isDone(); k.run()) suspensions++;
    } finally {
      loader.suspensions.addAndGet(suspensions);
      invocation.skip();
    }
  }
}

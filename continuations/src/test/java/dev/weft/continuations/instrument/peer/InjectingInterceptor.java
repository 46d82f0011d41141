package dev.weft.continuations.instrument.peer;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.SuspendableRunnable;
import dev.weft.continuations.internal.abi.Injection;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs the body of each test of an injecting {@link PeerLoader} in a continuation of the
 * injection scope, resumed until it ends: the test's frames, and the library's under them, are
 * saved and restored before every call they make. Registered by service loading for the injected
 * run only ({@link PeerSuite}).
 *
 * <p>Plain tests, tests with parameters ({@code TestInfo} and other resolved ones) and every
 * invocation of a test template ({@code @ParameterizedTest}, {@code @RepeatedTest}) go the same
 * way: the body is entered through a {@link Trampolines trampoline} that holds the invocation's
 * arguments as JUnit resolved and converted them, and JUnit's own invocation is skipped. A test
 * that cannot be entered so (no instance, a loader other than an injecting {@link PeerLoader}, or
 * no trampoline for its method) runs as it is and is counted with its reason in
 * {@link PeerSuite#notInjected}.
 */
public final class InjectingInterceptor implements InvocationInterceptor {
  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
      ExtensionContext extension) throws Throwable {
    intercept(invocation, context, extension);
  }

  @Override
  public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
      ExtensionContext extension) throws Throwable {
    intercept(invocation, context, extension);
  }

  private static void intercept(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
      ExtensionContext extension) throws Throwable {
    Object target = context.getTarget().orElse(null);
    ClassLoader l = target == null ? null : target.getClass().getClassLoader();
    if (!(l instanceof PeerLoader) || !((PeerLoader) l).isInjecting()) {
      runAsItIs(invocation, target == null ? "no test instance" : "not an injecting PeerLoader's class");
      return;
    }
    PeerLoader loader = (PeerLoader) l;
    Optional<SuspendableRunnable> body = Trampolines.of(loader, context.getExecutable(), target, context.getArguments().toArray());
    if (body.isEmpty()) {
      runAsItIs(invocation, "no trampoline for its method");
      return;
    }
    runInjected(loader, body.get(), extension.getUniqueId(), invocation);
  }

  private static void runAsItIs(Invocation<Void> invocation, String reason) throws Throwable {
    PeerSuite.countNotInjected(reason);
    invocation.proceed();
  }

  private static void runInjected(PeerLoader loader, SuspendableRunnable body, String uniqueId, Invocation<Void> invocation)
      throws Throwable {
    Continuation k = new Continuation(Injection.INJECTION, body);
    long suspensions = 0;
    try {
      for (k.run(); !k.isDone(); k.run()) suspensions++;
    } finally {
      loader.suspensions.addAndGet(suspensions);
      loader.suspensionsByTest.merge(uniqueId, suspensions, Long::sum);
      invocation.skip();
    }
  }
}

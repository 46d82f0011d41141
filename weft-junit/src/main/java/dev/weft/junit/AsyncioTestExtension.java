package dev.weft.junit;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.VirtualTime;
import dev.weft.continuations.SuspendableCallable;
import dev.weft.junit.internal.CallBridges;
import dev.weft.junit.internal.InstallWeft;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs an {@link AsyncioTest} method's body as {@code Asyncio.run}'s (or {@code VirtualTime.run}'s)
 * main coroutine. JUnit's own call is skipped: a method called by reflection could not suspend,
 * so the method is called from a small instrumented bridge instead (see {@link CallBridges}).
 */
final class AsyncioTestExtension implements InvocationInterceptor {
  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
      ExtensionContext context) throws Throwable {
    Method method = call.getExecutable();
    boolean virtualTime = AnnotationSupport.findAnnotation(method, AsyncioTest.class).map(AsyncioTest::virtualTime).orElse(false);
    InstallWeft.ensureInstalled();
    SuspendableCallable<Object> body = CallBridges.of(method, call.getTarget().orElse(null), call.getArguments().toArray());
    invocation.skip();
    if (virtualTime) {
      VirtualTime.run(body);
    } else {
      Asyncio.run(body);
    }
  }
}

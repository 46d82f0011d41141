/**
 * JUnit 5 support: test classes may suspend with nothing but this jar on the test class path, and
 * {@code @AsyncioTest} runs a test method as the main coroutine of a fresh event loop.
 *
 * <p>JUnit and asyncio are the user's: the JUnit modules are required but not brought along (the
 * project's own JUnit, 5.8 or newer, runs), and {@code dev.weft.asyncio} is needed only by
 * {@code @AsyncioTest}. Surefire keeps this jar on the class path even for a modular project (its
 * tests patched into the main module, opened to the class path), so such a project declares
 * nothing for it. Where this module is itself on the module path, a test module whose methods use
 * {@code @AsyncioTest} opens its test packages to {@code dev.weft.junit}, which defines the call
 * bridge beside them (and to {@code org.junit.platform.commons}, for JUnit).
 */
module dev.weft.junit {
  requires java.instrument;
  requires dev.weft.continuations;
  requires static dev.weft.asyncio;
  requires net.bytebuddy.agent;
  requires org.objectweb.asm;
  requires org.junit.jupiter.api;
  requires org.junit.platform.commons;
  requires org.junit.platform.launcher;

  exports dev.weft.junit;
  // JUnit instantiates the (package-private) extension reflectively
  opens dev.weft.junit to org.junit.platform.commons;

  provides org.junit.platform.launcher.LauncherSessionListener with dev.weft.junit.internal.InstallWeft;
}

/**
 * Layer 1: one-shot continuations by bytecode instrumentation.
 *
 * <p>Byte Buddy and ASM are needed only to instrument (the build plugin, the agent,
 * {@code Weft.install()}); code instrumented at build time runs without them, so they are
 * {@code requires static}. To instrument at run time on the module path, add them with
 * {@code --add-modules net.bytebuddy,net.bytebuddy.agent,org.objectweb.asm.tree.analysis,org.objectweb.asm.commons}.
 */
module dev.weft.continuations {
  requires java.instrument;
  requires static net.bytebuddy;
  requires static net.bytebuddy.agent;
  requires static org.objectweb.asm;
  requires static org.objectweb.asm.tree;
  requires static org.objectweb.asm.tree.analysis;
  requires static org.objectweb.asm.commons;

  exports dev.weft.continuations;
  exports dev.weft.continuations.instrument;
  // What instrumented bytecode calls, from any module or the class path.
  exports dev.weft.continuations.internal.abi;
  // Suspension on behalf of a caller, contexts: for Weft's own layers only.
  exports dev.weft.continuations.internal to dev.weft.generators, dev.weft.greenlet, dev.weft.asyncio;
}

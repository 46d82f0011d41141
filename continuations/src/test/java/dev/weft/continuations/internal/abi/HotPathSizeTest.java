package dev.weft.continuations.internal.abi;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.testing.ClassFileMethods;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The methods every suspension or resume calls must stay small enough for C2 to inline them into
 * the instrumented code that calls them. Its limit for a hot callee is FreqInlineSize, 325
 * bytecodes on x86-64 and AArch64; a method over it becomes an out-of-line call on every
 * suspension, which is how record placement once made {@code stay} 15–40% slower with every test
 * still green. Measuring bytecode length catches that where a timing test could not.
 */
class HotPathSizeTest {
  private static final int FREQ_INLINE_SIZE = ClassFileMethods.FREQ_INLINE_SIZE;
  private static final int PUBLIC = 0x0001, STATIC = 0x0008;

  private static final Map<Class<?>, Set<String>> HOT = Map.of(
      Carrier.class, Set.of("push", "openSegment", "closeSegment", "popHeader", "popEntry", "isEmpty"),
      Runner.class, Set.of("suspend", "resumeWith"));

  @Test
  void suspensionAndResumeHelpersFitC2sInliningLimit() throws IOException {
    List<String> tooBig = new ArrayList<>();
    for (Map.Entry<Class<?>, Set<String>> e : HOT.entrySet()) {
      ClassFileMethods file = read(e.getKey());
      Set<String> found = new HashSet<>();
      for (ClassFileMethods.Method m : file.methods()) {
        if (!e.getValue().contains(m.name())) continue;
        found.add(m.name());
        assertTrue(m.codeLength() > 0, m.name() + " read without code");
        if (m.codeLength() > FREQ_INLINE_SIZE) tooBig.add(file.name() + "." + m.name() + ": " + m.codeLength() + " bytes");
      }
      for (String name : e.getValue()) {
        if (!found.contains(name)) fail(file.name() + " has no method " + name + ": update this test's list");
      }
    }
    assertTrue(tooBig.isEmpty(), "hot methods over FreqInlineSize (" + FREQ_INLINE_SIZE + "): " + tooBig);
  }

  @Test
  void everyFramesHelperTheEmittedCodeCallsFits() throws IOException {
    List<String> tooBig = new ArrayList<>();
    for (ClassFileMethods.Method m : read(Frames.class).methods()) {
      boolean calledByEmittedCode = (m.access() & PUBLIC) != 0 && (m.access() & STATIC) != 0;
      if (calledByEmittedCode && m.codeLength() > FREQ_INLINE_SIZE) {
        tooBig.add(m.name() + m.desc() + ": " + m.codeLength());
      }
    }
    assertTrue(!read(Frames.class).methods().isEmpty(), "Frames read as empty");
    assertTrue(tooBig.isEmpty(), "Frames helpers over FreqInlineSize: " + tooBig);
  }

  private static ClassFileMethods read(Class<?> type) throws IOException {
    return ClassFileMethods.of(type);
  }
}

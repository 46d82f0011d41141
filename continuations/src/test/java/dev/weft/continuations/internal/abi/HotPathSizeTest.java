package dev.weft.continuations.internal.abi;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
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
  private static final int FREQ_INLINE_SIZE = 325;
  private static final int PUBLIC = 0x0001, STATIC = 0x0008;

  private static final Map<Class<?>, Set<String>> HOT = Map.of(
      Carrier.class, Set.of("push", "openSegment", "closeSegment", "popHeader", "popEntry", "isEmpty"),
      Runner.class, Set.of("suspend", "resumeWith"));

  @Test
  void suspensionAndResumeHelpersFitC2sInliningLimit() throws IOException {
    List<String> tooBig = new ArrayList<>();
    for (Map.Entry<Class<?>, Set<String>> e : HOT.entrySet()) {
      ClassFile file = read(e.getKey());
      Set<String> found = new HashSet<>();
      for (ClassFile.Method m : file.methods()) {
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
    for (ClassFile.Method m : read(Frames.class).methods()) {
      boolean calledByEmittedCode = (m.access() & PUBLIC) != 0 && (m.access() & STATIC) != 0;
      if (calledByEmittedCode && m.codeLength() > FREQ_INLINE_SIZE) {
        tooBig.add(m.name() + m.desc() + ": " + m.codeLength());
      }
    }
    assertTrue(!read(Frames.class).methods().isEmpty(), "Frames read as empty");
    assertTrue(tooBig.isEmpty(), "Frames helpers over FreqInlineSize: " + tooBig);
  }

  private static ClassFile read(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
      return ClassFile.parse(in.readAllBytes());
    }
  }

  /** The few parts of a class file this test needs: each method's name, descriptor, flags and code length. */
  record ClassFile(String name, List<Method> methods) {
    record Method(int access, String name, String desc, int codeLength) {}

    static ClassFile parse(byte[] bytes) throws IOException {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      in.skipBytes(8); // magic, minor, major
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      int[] classNames = new int[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 7 -> classNames[i] = in.readUnsignedShort();
          case 8, 16, 19, 20 -> in.skipBytes(2);
          case 15 -> in.skipBytes(3);
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
          case 5, 6 -> {
            in.skipBytes(8);
            i++; // eight-byte constants take two entries
          }
          default -> throw new IOException("constant tag " + tag);
        }
      }
      in.skipBytes(2);
      String name = utf8[classNames[in.readUnsignedShort()]];
      in.skipBytes(2);
      in.skipBytes(2 * in.readUnsignedShort()); // interfaces
      for (int f = in.readUnsignedShort(); f > 0; f--) {
        in.skipBytes(6);
        skipAttributes(in);
      }
      List<Method> methods = new ArrayList<>();
      for (int m = in.readUnsignedShort(); m > 0; m--) {
        int access = in.readUnsignedShort();
        String methodName = utf8[in.readUnsignedShort()];
        String desc = utf8[in.readUnsignedShort()];
        int codeLength = 0;
        for (int a = in.readUnsignedShort(); a > 0; a--) {
          String attribute = utf8[in.readUnsignedShort()];
          int length = in.readInt();
          if (attribute.equals("Code")) {
            in.skipBytes(4); // max stack, max locals
            codeLength = in.readInt();
            in.skipBytes(length - 8);
          } else {
            in.skipBytes(length);
          }
        }
        methods.add(new Method(access, methodName, desc, codeLength));
      }
      return new ClassFile(name, methods);
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
      for (int a = in.readUnsignedShort(); a > 0; a--) {
        in.skipBytes(2);
        in.skipBytes(in.readInt());
      }
    }
  }
}

package dev.weft.testing;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The few parts of a class file that size checks need: each method's name, descriptor, flags and
 * bytecode length, as built (after instrumentation, for a class the build instruments). For tests
 * that keep hot methods under C2's inlining limit, e.g.
 * {@code ClassFileMethods.of(GeneratorCore.class).codeLength("resume")}.
 */
public record ClassFileMethods(String name, List<ClassFileMethods.Method> methods) {
  /** A method: its flags, name, descriptor and the length of its code (0 without code). */
  public record Method(int access, String name, String desc, int codeLength) {}

  /** C2's limit for inlining a hot callee (FreqInlineSize) on x86-64 and AArch64. */
  public static final int FREQ_INLINE_SIZE = 325;

  /** The class file of {@code type}, as its loader finds it. */
  public static ClassFileMethods of(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
      if (in == null) throw new IOException("no class file for " + type.getName());
      return parse(in.readAllBytes());
    }
  }

  /** The longest code among the methods named {@code methodName}; fails if there is none. */
  public int codeLength(String methodName) {
    return methods.stream().filter(m -> m.name().equals(methodName)).mapToInt(Method::codeLength).max()
        .orElseThrow(() -> new AssertionError(name + " has no method " + methodName));
  }

  /** Parses a class file's bytes. */
  public static ClassFileMethods parse(byte[] bytes) throws IOException {
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
    return new ClassFileMethods(name, methods);
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    for (int a = in.readUnsignedShort(); a > 0; a--) {
      in.skipBytes(2);
      in.skipBytes(in.readInt());
    }
  }
}

package dev.weft.continuations.instrument.internal;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.JSRInlinerAdapter;
import org.objectweb.asm.tree.ClassNode;

/**
 * Reads a class file into the tree the instrumenter rewrites. Class files older than Java 7 may
 * hold {@code jsr}/{@code ret} subroutines (javac before 1.4.2 compiled {@code finally} that way),
 * which neither frame computation nor a saved frame can represent: a return address is not a
 * value a frame can store. They are inlined as they are read, as javac does today.
 */
final class ClassFileReader {
  private ClassFileReader() {}

  static ClassNode read(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassNode node = mayHoldSubroutines(reader) ? new InliningSubroutines() : new ClassNode();
    reader.accept(node, ClassReader.SKIP_FRAMES);
    return node;
  }

  /** Version 51 (Java 7) and later forbid jsr and ret. */
  private static boolean mayHoldSubroutines(ClassReader reader) {
    return reader.readUnsignedShort(6) < Opcodes.V1_7;
  }

  private static final class InliningSubroutines extends ClassNode {
    InliningSubroutines() {
      super(Opcodes.ASM9);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      MethodVisitor into = super.visitMethod(access, name, descriptor, signature, exceptions);
      return new JSRInlinerAdapter(into, access, name, descriptor, signature, exceptions);
    }
  }
}

package dev.weft.continuations.instrument.internal;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;

/**
 * The {@link AsmVisitorWrapper} that WeftPlugin registers. Byte Buddy ships ASM's core repackaged,
 * without the tree and analysis packages the instrumenter is built on, so this wrapper buffers the
 * class Byte Buddy reads, hands the bytes to {@link ClassInstrumenter}, and replays the result into
 * Byte Buddy's writer.
 */
public final class BytesBridge extends AsmVisitorWrapper.AbstractBase {
  private final Selection selection;

  public BytesBridge(Selection selection) {
    this.selection = selection;
  }

  @Override
  public ClassVisitor wrap(TypeDescription instrumentedType, ClassVisitor classVisitor, Implementation.Context context,
      TypePool typePool, FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods, int writerFlags,
      int readerFlags) {
    ClassWriter buffer = new ClassWriter(0);
    return new ClassVisitor(Opcodes.ASM9, buffer) {
      @Override
      public void visitEnd() {
        super.visitEnd();
        byte[] original = buffer.toByteArray();
        byte[] instrumented = new ClassInstrumenter(new TypePoolHierarchy(typePool), selection).instrument(original);
        new ClassReader(instrumented == null ? original : instrumented).accept(classVisitor, 0);
      }
    };
  }
}

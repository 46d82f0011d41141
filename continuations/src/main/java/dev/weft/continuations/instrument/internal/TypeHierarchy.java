package dev.weft.continuations.instrument.internal;

import java.util.List;

/**
 * What the instrumenter needs to know about types it does not transform: supertypes for frame
 * merging, and declared methods for classifying call sites. Implementations never load classes.
 */
public interface TypeHierarchy {

  /** The type with the given internal name, or null if it cannot be found. */
  TypeInfo describe(String internalName);

  /** A resolved type. */
  interface TypeInfo {
    String internalName();

    /** Internal name of the superclass; null for {@code java/lang/Object} and interfaces' absence. */
    String superName();

    List<String> interfaces();

    boolean isInterface();

    /** Whether the class is final (no subclass can exist); false when not known. */
    default boolean isFinal() {
      return false;
    }

    /** The method declared by this type itself with that name and descriptor, or null. */
    MethodInfo declaredMethod(String name, String descriptor);
  }

  /** A declared method. */
  interface MethodInfo {
    /** Internal names of the exception types in its throws clause. */
    List<String> exceptions();

    /** Whether it carries an annotation of that descriptor, e.g. {@code Ldev/weft/...;}. */
    boolean hasAnnotation(String descriptor);
  }
}

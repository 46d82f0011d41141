package dev.weft.continuations.internal.abi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Written by the instrumenter on every class it transformed and on every method whose frame can
 * be saved. A second instrumentation pass sees it and leaves the class alone; the diagnosis of a
 * failed suspension reads it to find the frame that was not instrumented; stack traces read the
 * class's site table to name saved frames (see {@link Traces}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Instrumented {
  /**
   * The version of the frame ABI the class was instrumented for ({@link Frames#ABI_VERSION}),
   * written on every class; classes instrumented before it was recorded were version 1.
   */
  int abi() default 1;

  /** The class's source file, as its SourceFile attribute says; empty if unknown. */
  String source() default "";

  /**
   * One entry per instrumented method, by the method index that record headers carry:
   * {@code name:line,line,...}, the line of each call site by site index (0 where unknown).
   */
  String[] sites() default {};
}

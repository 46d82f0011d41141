package dev.weft.continuations.internal.abi;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;

/**
 * Source names for suspendable lambdas, as CPython's {@code __qualname__}: {@code Mistakes.sleepy}
 * for {@code Mistakes::sleepy}, the one method a lambda calls ({@code () -> greet(1, "x")} is
 * {@code App.greet}), else {@code App.main.<lambda>}. The instrumenter computes the name and
 * points the class's {@code LambdaMetafactory} call sites for suspendable bodies at
 * {@link #metafactory}, which links as the JDK's and notes the name against the lambda's hidden
 * class; {@link #of} reads it back, for reports and reprs (never on a fast path).
 */
public final class LambdaNames {
  private static final ClassValue<String[]> NAMES = new ClassValue<>() {
    @Override
    protected String[] computeValue(Class<?> type) {
      return new String[1];
    }
  };
  private static final MethodHandle RECORD;

  static {
    try {
      RECORD = MethodHandles.lookup().findStatic(LambdaNames.class, "record",
          MethodType.methodType(Object.class, MutableCallSite.class, MethodHandle.class, String.class, Object.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private LambdaNames() {}

  /** The name of the suspendable lambda whose hidden class is {@code type}, or null if none was noted. */
  public static String of(Class<?> type) {
    if (type == null || !type.isHidden()) return null;
    return NAMES.get(type)[0];
  }

  /**
   * {@link LambdaMetafactory#metafactory} with one more static argument, the lambda's name. A
   * non-capturing lambda's instance exists already; a capturing one's class is noted at its first
   * creation, after which the call site links straight to the JDK's factory.
   */
  public static CallSite metafactory(MethodHandles.Lookup caller, String name, MethodType type, MethodType sam,
                                     MethodHandle impl, MethodType instantiated, String display)
      throws LambdaConversionException {
    CallSite cs = LambdaMetafactory.metafactory(caller, name, type, sam, impl, instantiated);
    MethodHandle target = cs.getTarget();
    if (type.parameterCount() == 0) {
      try {
        Object instance = target.invoke();
        if (instance != null) note(instance.getClass(), display);
      } catch (Throwable ignored) {
        // no name: reports fall back to the class's
      }
      return cs;
    }
    MutableCallSite site = new MutableCallSite(type);
    MethodHandle record = MethodHandles.insertArguments(RECORD, 0, site, target, display)
        .asType(MethodType.methodType(type.returnType(), type.returnType()));
    site.setTarget(MethodHandles.filterReturnValue(target, record));
    return site;
  }

  private static Object record(MutableCallSite site, MethodHandle target, String display, Object instance) {
    note(instance.getClass(), display);
    site.setTarget(target);
    return instance;
  }

  private static void note(Class<?> type, String display) {
    if (type.isHidden()) NAMES.get(type)[0] = display;
  }
}

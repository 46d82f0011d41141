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
          MethodType.methodType(Object.class, MutableCallSite.class, MethodHandle.class, Noted.class, Object.class));
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
   * {@link LambdaMetafactory#metafactory} with two more static arguments, the lambda's name and its
   * body's index among the instrumented bodies of the caller class (-1 for a method that is no
   * lambda body, which is only named). The lambda's class is noted as
   * the body's caller ({@link LambdaTokens}) and named: a non-capturing lambda's instance exists
   * already; a capturing one's class is noted at its first creation, after which the call site
   * links straight to the JDK's factory.
   */
  public static CallSite metafactory(MethodHandles.Lookup caller, String name, MethodType type, MethodType sam,
                                     MethodHandle impl, MethodType instantiated, String display, int body)
      throws LambdaConversionException {
    CallSite cs = LambdaMetafactory.metafactory(caller, name, type, sam, impl, instantiated);
    return noting(cs, new Noted(caller.lookupClass(), body, display, new String[] {name + sam.toMethodDescriptorString()}));
  }

  /**
   * {@link LambdaMetafactory#altMetafactory} (serializable lambdas, marker interfaces, bridges) with
   * the same two arguments as {@link #metafactory} last. Each bridge is a way in to the body too.
   */
  public static CallSite altMetafactory(MethodHandles.Lookup caller, String name, MethodType type, Object... args)
      throws LambdaConversionException {
    Object[] jdk = java.util.Arrays.copyOf(args, args.length - 2);
    String display = (String) args[args.length - 2];
    int body = (Integer) args[args.length - 1];
    CallSite cs = LambdaMetafactory.altMetafactory(caller, name, type, jdk);
    java.util.List<String> sams = new java.util.ArrayList<>();
    sams.add(name + ((MethodType) jdk[0]).toMethodDescriptorString());
    int flags = (Integer) jdk[3];
    int i = 4;
    if ((flags & LambdaMetafactory.FLAG_MARKERS) != 0) i += 1 + (Integer) jdk[i];
    if ((flags & LambdaMetafactory.FLAG_BRIDGES) != 0) {
      int n = (Integer) jdk[i++];
      for (int j = 0; j < n; j++) sams.add(name + ((MethodType) jdk[i + j]).toMethodDescriptorString());
    }
    return noting(cs, new Noted(caller.lookupClass(), body, display, sams.toArray(new String[0])));
  }

  /** What to note against a lambda's class once it is known. */
  private static final class Noted {
    final Class<?> owner;
    final int body;
    final String display;
    final String[] sams;

    Noted(Class<?> owner, int body, String display, String[] sams) {
      this.owner = owner;
      this.body = body;
      this.display = display;
      this.sams = sams;
    }

    void note(Class<?> lambdaClass) {
      if (body >= 0) {
        for (String sam : sams) LambdaTokens.note(owner, body, sam, lambdaClass);
      }
      LambdaNames.note(lambdaClass, display);
    }
  }

  private static CallSite noting(CallSite cs, Noted noted) {
    MethodHandle target = cs.getTarget();
    MethodType type = cs.type();
    if (type.parameterCount() == 0) {
      try {
        Object instance = target.invoke();
        if (instance != null) noted.note(instance.getClass());
      } catch (Throwable ignored) {
        // not noted: each call of the lambda is refused as entered from an unknown frame
      }
      return cs;
    }
    MutableCallSite site = new MutableCallSite(type);
    MethodHandle record = MethodHandles.insertArguments(RECORD, 0, site, target, noted)
        .asType(MethodType.methodType(type.returnType(), type.returnType()));
    site.setTarget(MethodHandles.filterReturnValue(target, record));
    return site;
  }

  private static Object record(MutableCallSite site, MethodHandle target, Noted noted, Object instance) {
    noted.note(instance.getClass());
    site.setTarget(target);
    return instance;
  }

  private static void note(Class<?> type, String display) {
    if (type.isHidden()) NAMES.get(type)[0] = display;
  }
}

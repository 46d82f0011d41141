package dev.weft.continuations.instrument.internal;

import dev.weft.continuations.instrument.InstrumentationException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * Decides whether an invoke instruction is a suspension point: its resolved target declares
 * {@code throws Suspend} or carries {@code @Suspendable}. Virtual and interface calls are resolved
 * as the JVM resolves them: the named class, its superclasses, then its superinterfaces.
 */
final class CallSiteClassifier {
  private final TypeHierarchy hierarchy;
  private final Map<String, Boolean> cache = new HashMap<>();
  /* What each call resolved to, shared by the two questions asked of it (suspendable, declared where). */
  private final Map<String, TypeHierarchy.TypeInfo> resolved = new HashMap<>();

  CallSiteClassifier(TypeHierarchy hierarchy) {
    this.hierarchy = hierarchy;
  }

  /** Whether {@code insn} calls a method whose frame could be saved: not a constructor, not an array's. */
  static boolean isInvocation(AbstractInsnNode insn) {
    if (!(insn instanceof MethodInsnNode)) return false;
    MethodInsnNode call = (MethodInsnNode) insn;
    return !call.name.equals("<init>") && !call.owner.startsWith("[");
  }

  boolean isSuspensionPoint(AbstractInsnNode insn) {
    if (!isInvocation(insn)) return false;
    MethodInsnNode call = (MethodInsnNode) insn;
    return isSuspendable(call.owner, call.name, call.desc);
  }

  /** Whether the method that a call to {@code owner.name desc} resolves to may suspend. */
  boolean isSuspendable(String owner, String name, String desc) {
    String key = owner + '.' + name + desc;
    Boolean known = cache.get(key);
    if (known != null) return known;
    boolean result = Selection.isSuspendable(resolve(owner, name, desc), this);
    cache.put(key, result);
    return result;
  }

  /** Whether a throws clause lists {@code Suspend} or a subclass of it. */
  boolean declaresSuspend(List<String> exceptions) {
    for (String e : exceptions) {
      if (Selection.isSuspend(e, t -> t, this::superName)) return true;
    }
    return false;
  }

  /** Whether {@code internalName} is a final class: a receiver of that static type is of exactly that class. */
  boolean isFinalClass(String internalName) {
    TypeHierarchy.TypeInfo info = hierarchy.describe(internalName);
    return info != null && info.isFinal();
  }

  private String superName(String internalName) {
    TypeHierarchy.TypeInfo info = hierarchy.describe(internalName);
    return info == null ? null : info.superName();
  }

  /**
   * The class that declares the static method a call to {@code owner.name desc} resolves to (a
   * static method is inherited: the owner as written may be a subclass), or {@code owner} itself
   * when it cannot be resolved (an uncolored library's call into a class off the class path).
   * Static call-site tokens name it (see {@code Frames}), so that the callee can tell a call made
   * to it from one made to another static method of the same name.
   */
  String declaringClass(String owner, String name, String desc) {
    try {
      return resolveType(owner, name, desc).internalName();
    } catch (InstrumentationException unresolved) {
      return owner;
    }
  }

  private TypeHierarchy.MethodInfo resolve(String owner, String name, String desc) {
    return resolveType(owner, name, desc).declaredMethod(name, desc);
  }

  /* The type declaring the method a call to owner.name desc resolves to, remembered. */
  private TypeHierarchy.TypeInfo resolveType(String owner, String name, String desc) {
    String key = owner + '.' + name + desc;
    TypeHierarchy.TypeInfo known = resolved.get(key);
    if (known != null) return known;
    TypeHierarchy.TypeInfo found = walk(owner, name, desc);
    resolved.put(key, found);
    return found;
  }

  private TypeHierarchy.TypeInfo walk(String owner, String name, String desc) {
    Deque<String> pending = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    pending.add(owner);
    Deque<String> interfaces = new ArrayDeque<>();
    boolean ownerFound = false;
    // Classes first (the superclass chain), then interfaces breadth-first, as JVM resolution does.
    while (!pending.isEmpty() || !interfaces.isEmpty()) {
      String t = !pending.isEmpty() ? pending.poll() : interfaces.poll();
      if (!seen.add(t)) continue;
      TypeHierarchy.TypeInfo info = hierarchy.describe(t);
      if (info == null) {
        throw new InstrumentationException("cannot classify the call to " + owner.replace('/', '.') + "." + name + desc
            + ": type " + t.replace('/', '.') + " is not on the instrumentation class path");
      }
      ownerFound = true;
      if (info.declaredMethod(name, desc) != null) return info;
      if (info.superName() != null) pending.add(info.superName());
      interfaces.addAll(info.interfaces());
      if (info.isInterface() && pending.isEmpty()) pending.add("java/lang/Object");
    }
    throw new InstrumentationException("cannot classify the call to " + owner.replace('/', '.') + "." + name + desc
        + ": no such method in " + owner.replace('/', '.') + (ownerFound ? " or its supertypes" : ""));
  }
}

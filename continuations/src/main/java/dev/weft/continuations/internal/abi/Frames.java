package dev.weft.continuations.internal.abi;

/**
 * The only methods and constants that instrumented bytecode calls. Keep this class small, static
 * and versioned: every instrumented class in every user's build links against it.
 *
 * <h2>Call-site tokens</h2>
 * A frame may be saved only if every frame between it and the continuation's runner was
 * instrumented, holds no monitor and was called from a suspension point. Instead of walking the
 * stack, each instrumented call site stores a token, a 64-bit hash of its target's
 * {@code name+descriptor} ({@link #tokenOf}), into {@link Carrier#token} just before the call; the
 * callee takes it at entry and clears it. A primitive, not the name itself: a reference store
 * into the long-lived carrier pays the collector's write barrier (with G1, often a fence) at
 * every call, and two names colliding in 64 bits is not a practical concern. A callee that finds its own name was called directly from a clean site; any
 * other value means an uninstrumented frame (or a monitor) lies in between, and the callee passes
 * a "dirty" marker on instead. {@code Continuation.suspend} then refuses before anything is saved,
 * and the diagnosis walks the stack (only on that error path) to name the culprit.
 *
 * <h2>Receivers</h2>
 * A name alone cannot tell a direct call from one through an uninstrumented frame of the same
 * name: an instrumented {@code toString()} that calls a JDK collection's {@code toString()}, which
 * calls an element's instrumented {@code toString()}, would hand the element the token its caller
 * left for the collection. So a call with a receiver mixes the receiver's class into its token
 * ({@link #receiverToken}) and an instance method checks it against its own {@code this}
 * ({@link #enter(Carrier, Object, Class, long)}): the frame in between runs on a receiver of
 * another class, or it would be the same method, instrumented too. Two shapes keep the receiver's
 * class and are caught otherwise: an uninstrumented subclass whose override calls {@code super}
 * into the instrumented method (the entry checks, for a subclass receiver, that no uninstrumented
 * method of the same name lies in between, see {@link Overrides}); and a {@code super} call into an
 * uninstrumented superclass method that calls the same method on another object of the caller's
 * class (a super call's token is mixed with the calling class and marked, {@link #superToken}, not
 * with the receiver's). A private method called from its own class takes the plain token
 * ({@link #enterPrivate}): that call names one method, and only the class's nest can make it. A
 * lambda body is entered from the metafactory's class, whose tokens {@link LambdaTokens} notes as
 * each class is made.
 *
 * <h2>Static methods</h2>
 * A static call has no receiver, so its token names the class that declares the target
 * ({@link #staticTokenName}; the instrumenter resolves it, as the owner a call names may be a
 * subclass of the declaring one): a static method reached through an uninstrumented static method
 * of the same name in another class finds a token made for that other class, and is dirty.
 */
public final class Frames {
  /** Bumped whenever emitted code and this class stop agreeing. */
  public static final int ABI_VERSION = 7;

  /**
   * The dirty markers, as tokens and as a frame's dirty local (0: entered cleanly): what a frame
   * entered from an unexpected caller passes on, and what a call site inside {@code synchronized}
   * passes on (its place is in {@link Carrier#monitorSite}, for the message). No name's token is
   * one of them: {@link #tokenOf} sets the top bit.
   */
  public static final int UNINSTRUMENTED = 1, MONITOR = 2;

  public static final int VOID = 0, INT = 1, LONG = 2, FLOAT = 3, DOUBLE = 4, REF = 5,
      BOOLEAN = 6, BYTE = 7, CHAR = 8, SHORT = 9;

  private static final ThreadLocal<Carrier> CARRIER = ThreadLocal.withInitial(Carrier::new);
  /*
   * A direct-mapped cache in front of the thread-local, indexed by thread id: instrumented methods
   * look their carrier up on entry, and a ThreadLocal probe costs several dependent loads. A slot
   * is trusted only if it names the calling thread (a final field, so racy publication is safe);
   * threads that collide on a slot just fall back to the thread-local.
   */
  private static final int CACHE_MASK = 255;
  private static final Carrier[] CACHE = new Carrier[CACHE_MASK + 1];

  /** The token of {@code Continuation.suspend(ContinuationScope)}. */
  public static final long SUSPEND_TOKEN = dev.weft.continuations.internal.Suspensions.tokenOf(
      dev.weft.continuations.Continuation.class, "suspend", dev.weft.continuations.ContinuationScope.class);

  private Frames() {}

  /** The calling thread's carrier. */
  public static Carrier carrier() {
    Thread t = Thread.currentThread();
    Carrier c = CACHE[(int) t.getId() & CACHE_MASK];
    if (c != null && c.thread == t) return c;
    return carrierSlow(t);
  }

  private static Carrier carrierSlow(Thread t) {
    Carrier c = CARRIER.get();
    CACHE[(int) t.getId() & CACHE_MASK] = c;
    return c;
  }

  /**
   * The token of a method named {@code nameAndDescriptor} ({@code "m(I)V"}): FNV-1a over its
   * characters with the top bit set, so that it is never 0 (no token) or a dirty marker. The
   * instrumenter computes it at build time, the runtime for its own entry points; both must agree.
   */
  public static long tokenOf(String nameAndDescriptor) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < nameAndDescriptor.length(); i++) {
      h ^= nameAndDescriptor.charAt(i);
      h *= 0x100000001b3L;
    }
    return h | Long.MIN_VALUE;
  }

  /**
   * What a static method's token is the hash of: its declaring class ({@code a/b/C}), a dot, its
   * name and descriptor. A static call has no receiver to mix in, so the class is in the name:
   * otherwise a static method reached through an uninstrumented static method of the same name
   * and descriptor in another class would take the token its caller left for that one.
   */
  public static String staticTokenName(String internalOwner, String name, String descriptor) {
    return internalOwner + '.' + name + descriptor;
  }

  /**
   * Takes the caller's token and returns what this frame's call sites pass on: 0 when the frame
   * was entered cleanly (sites then pass their own token), a dirty marker otherwise.
   */
  public static int enter(Carrier c, long expected) {
    long in = c.token;
    c.token = 0;
    return in == expected ? 0 : dirty(in);
  }

  /**
   * Takes the caller's token on entry to an instance method declared by {@code declaring}: clean
   * only if the call was made on a receiver of this object's class (see {@link #receiverToken}),
   * and, when that class is a subclass, no uninstrumented method of the same name lies in between
   * (see {@link Overrides}: an override calling {@code super} would hand on a matching token); or if
   * it was a {@code super} call from a subclass ({@link #superToken}).
   */
  public static int enter(Carrier c, Object self, Class<?> declaring, long expected) {
    long in = c.token;
    c.token = 0;
    // no token or a dirty marker (tokens have the top bit set): entered from uninstrumented code
    // or through a dirty frame, known without hashing the receiver's class
    if (in >= 0) return dirty(in);
    Class<?> k = self.getClass();
    if (k == declaring) return in == mix(expected, k) ? 0 : UNINSTRUMENTED;
    return enterOnSubclass(in, k, declaring, expected);
  }

  /**
   * {@link #enter(Carrier, Object, Class, long)} for an instrumented class file that can hold a
   * dynamic constant: {@code exact} is {@code mix(expected, declaring)}, resolved once per method
   * ({@link #mixedToken}), so an entry on a receiver of the declaring class itself, the common
   * case, compares two longs and hashes no class.
   */
  public static int enter(Carrier c, Object self, Class<?> declaring, long expected, long exact) {
    long in = c.token;
    c.token = 0;
    Class<?> k = self.getClass();
    if (k == declaring) return in == exact ? 0 : dirty(in);
    if (in >= 0) return dirty(in);
    return enterOnSubclass(in, k, declaring, expected);
  }

  /**
   * The bootstrap of the dynamic constant {@code mix(token, receiverClass)} in instrumented code
   * (see {@link #enter(Carrier, Object, Class, long, long)}): a class's identity hash never
   * changes, so neither does the mix.
   */
  public static long mixedToken(java.lang.invoke.MethodHandles.Lookup lookup, String name, Class<?> type,
      long token, Class<?> receiverClass) {
    return mix(token, receiverClass);
  }

  /* enter's rest for a receiver of a subclass: kept apart so that enter stays small enough to inline. */
  private static int enterOnSubclass(long in, Class<?> k, Class<?> declaring, long expected) {
    if (in == mix(expected, k)) return Overrides.between(k, declaring, expected) ? UNINSTRUMENTED : 0;
    return isSuperCall(in, expected, k, declaring) ? 0 : dirty(in);
  }

  /*
   * Whether `in` is the super token (superToken) of a class between the receiver's class and
   * the declaring one: the super calls that reach this method. Walked only for a subclass
   * receiver whose token is not the plain one, usually one step.
   */
  private static boolean isSuperCall(long in, long expected, Class<?> k, Class<?> declaring) {
    for (Class<?> x = k; x != null && x != declaring; x = x.getSuperclass()) {
      if (in != superMix(expected, x)) continue;
      // x's super call reaches this method only if no class above x declares another in between
      // (an interface's default method is named directly: I.super.m())
      return declaring.isInterface() || !Overrides.declaredFrom(x.getSuperclass(), declaring, expected);
    }
    return false;
  }

  /**
   * The token of a {@code super.m()} (or {@code I.super.m()}) call made in class {@code caller}:
   * the method's token mixed with the caller's class and marked as a super call, not mixed with
   * the receiver's class. With the receiver's class, an uninstrumented superclass method that
   * calls {@code m()} on another object of the caller's class would hand that object's
   * instrumented {@code m} a matching token. (The caller's class, not the declaring one: that
   * may be one the caller cannot name, a package-private class further up.)
   */
  public static long superToken(long site, Class<?> caller, int dirty) {
    return dirty != 0 ? dirty : superMix(site, caller);
  }

  private static long superMix(long token, Class<?> caller) {
    return mix(token ^ 0x5DEECE66DL, caller);
  }

  /**
   * Takes the caller's token on entry to a private instance method. Its own class calls it with
   * the plain token (the call can name no other method, so no receiver's class is hashed at either
   * end); a nestmate, which cannot tell it is private, mixes the receiver's class in as for any
   * other instance call, and is checked as {@link #enter(Carrier, Object, Class, long)} checks it.
   */
  public static int enterPrivate(Carrier c, Object self, Class<?> declaring, long expected) {
    long in = c.token;
    c.token = 0;
    if (in == expected) return 0;
    if (in >= 0) return dirty(in); // no token or a dirty marker: see enter
    Class<?> k = self.getClass();
    if (in != mix(expected, k)) return UNINSTRUMENTED;
    return k == declaring || !Overrides.between(k, declaring, expected) ? 0 : UNINSTRUMENTED;
  }

  /**
   * At the start of an instrumented class's initializer: takes the token that a static call left
   * for its callee off the carrier, when that call is the class's first use and so runs the
   * initializer first. Returns it for {@link #leaveInitializer}. Without this, an initializer that
   * calls the same method would hand that inner call the token.
   */
  public static long enterInitializer() {
    Carrier c = carrier();
    long pending = c.token;
    c.token = 0;
    return pending;
  }

  /** At each normal end of an instrumented class's initializer: the token back for the call it ran before. */
  public static void leaveInitializer(long pending) {
    carrier().token = pending;
  }

  /** Takes the caller's token on entry to lambda body {@code body} of {@code owner}. */
  public static int enterLambda(Carrier c, Class<?> owner, int body) {
    long in = c.token;
    c.token = 0;
    if (in >= 0) return dirty(in); // no token or a dirty marker: no lookup of the owner's tokens
    return LambdaTokens.accepts(owner, body, in) ? 0 : UNINSTRUMENTED;
  }

  /**
   * The token for a call with a receiver: {@link #token}, with the receiver's class mixed in. A
   * null receiver gets the plain token: the call throws its own NullPointerException right after.
   */
  public static long receiverToken(Object receiver, long site, int dirty) {
    if (dirty != 0) return dirty;
    return receiver == null ? site : mix(site, receiver.getClass());
  }

  /** A method's token mixed with its receiver's class; never 0 or a dirty marker. */
  public static long mix(long token, Class<?> receiverClass) {
    return (token ^ System.identityHashCode(receiverClass) * 0x9E3779B97F4A7C15L) | Long.MIN_VALUE;
  }

  /** The token for a call site: its own when the frame is clean, the frame's dirty marker if not. */
  public static long token(long site, int dirty) {
    return dirty == 0 ? site : dirty;
  }

  /** Keeps a monitor marker (for the message), turns anything else into the plain dirty marker. */
  public static int dirty(long in) {
    return in == MONITOR ? MONITOR : UNINSTRUMENTED;
  }

  /** The token of a call site inside {@code synchronized}: notes where it is, for the refusal's message. */
  public static long monitorSite(Carrier c, String where) {
    c.monitorSite = where;
    return MONITOR;
  }

  /**
   * What instrumented code calls instead of {@code Continuation.suspend(scope)}: the same, with the
   * carrier the frame already holds and the token its call site would have left.
   */
  public static void suspend(dev.weft.continuations.ContinuationScope scope, Carrier c, long token) {
    Runner.suspend(c, scope, token);
  }

  // ---- records ---------------------------------------------------------------------------------

  /** Packs a record header: call site, method index, slot counts. */
  public static long header(int site, int method, int nPrims, int nRefs) {
    return (site & 0xFFFFL) | (method & 0xFFFFL) << 16 | (nPrims & 0xFFFFL) << 32 | (nRefs & 0xFFFFL) << 48;
  }

  public static int site(long header) {
    return (int) (header & 0xFFFF);
  }

  public static int method(long header) {
    return (int) (header >>> 16 & 0xFFFF);
  }

  public static int primCount(long header) {
    return (int) (header >>> 32 & 0xFFFF);
  }

  public static int refCount(long header) {
    return (int) (header >>> 48 & 0xFFFF);
  }

  /** Starts saving a frame: reserves its record. */
  public static void push(Carrier c, int nRefs, int nPrims, ResumeEntry entry, long header) {
    c.push(nRefs, nPrims, entry, header);
  }

  /**
   * Writes reference slot {@code i} of the record being saved. A popped slot keeps its value until
   * the runner stops (see {@link #pop}), so a frame saved again at the same place, as a loop that
   * suspends at the same depth is, usually finds its value there already: the store, and the
   * collector's write barrier it pays (with G1 a fence for an old array), is skipped.
   */
  public static void putRef(Carrier c, int i, Object v) {
    Object[] refs = c.current.refs;
    int k = c.rbase + i;
    if (refs[k] != v) refs[k] = v;
  }

  public static void putInt(Carrier c, int i, int v) {
    c.current.prims[c.pbase + i] = v;
  }

  public static void putLong(Carrier c, int i, long v) {
    c.current.prims[c.pbase + i] = v;
  }

  public static void putFloat(Carrier c, int i, float v) {
    c.current.prims[c.pbase + i] = Float.floatToRawIntBits(v);
  }

  public static void putDouble(Carrier c, int i, double v) {
    c.current.prims[c.pbase + i] = Double.doubleToRawLongBits(v);
  }

  public static Object getRef(Carrier c, int i) {
    return c.current.refs[c.rbase + i];
  }

  public static int getInt(Carrier c, int i) {
    return (int) c.current.prims[c.pbase + i];
  }

  public static long getLong(Carrier c, int i) {
    return c.current.prims[c.pbase + i];
  }

  public static float getFloat(Carrier c, int i) {
    return Float.intBitsToFloat((int) c.current.prims[c.pbase + i]);
  }

  public static double getDouble(Carrier c, int i) {
    return Double.longBitsToDouble(c.current.prims[c.pbase + i]);
  }

  /**
   * Finishes restoring a frame: its record leaves the stack. Its reference slots keep their values
   * while the runner runs, for {@link #putRef} to find; the runner clears what is left above its
   * stack when it stops ({@code Runner.run}), so nothing popped stays reachable past a suspension.
   */
  public static void pop(Carrier c) {
    c.rsp = c.rbase;
    c.psp = c.pbase;
  }

  /** The exception to rethrow at a resumed call site, cleared. */
  public static Throwable takePending(Carrier c) {
    Throwable t = c.pending;
    c.pending = null;
    return t;
  }

  // ---- values returned by resumed frames ---------------------------------------------------------

  public static void returnVoid(Carrier c) {
    c.retKind = VOID;
    c.retRef = null;
  }

  public static void returnInt(Carrier c, int v) {
    c.retKind = INT;
    c.retPrim = v;
    c.retRef = null;
  }

  /*
   * The small integral types keep their own kind: a caller that receives the value boxed (through
   * a lambda metafactory class) must get a Boolean, Character... not an Integer.
   */
  public static void returnBoolean(Carrier c, boolean v) {
    c.retKind = BOOLEAN;
    c.retPrim = v ? 1 : 0;
    c.retRef = null;
  }

  public static void returnByte(Carrier c, byte v) {
    c.retKind = BYTE;
    c.retPrim = v;
    c.retRef = null;
  }

  public static void returnChar(Carrier c, char v) {
    c.retKind = CHAR;
    c.retPrim = v;
    c.retRef = null;
  }

  public static void returnShort(Carrier c, short v) {
    c.retKind = SHORT;
    c.retPrim = v;
    c.retRef = null;
  }

  public static void returnLong(Carrier c, long v) {
    c.retKind = LONG;
    c.retPrim = v;
    c.retRef = null;
  }

  public static void returnFloat(Carrier c, float v) {
    c.retKind = FLOAT;
    c.retPrim = Float.floatToRawIntBits(v);
    c.retRef = null;
  }

  public static void returnDouble(Carrier c, double v) {
    c.retKind = DOUBLE;
    c.retPrim = Double.doubleToRawLongBits(v);
    c.retRef = null;
  }

  public static void returnRef(Carrier c, Object v) {
    c.retKind = REF;
    c.retRef = v;
  }

  /**
   * The resumed callee's value as the reference its caller expects. Kinds differ only where a
   * lambda metafactory class adapted the value (boxing) between the two frames.
   */
  public static Object resultRef(Carrier c) {
    Object v = c.retRef;
    c.retRef = null;
    switch (c.retKind) {
      case INT: return (int) c.retPrim;
      case BOOLEAN: return c.retPrim != 0;
      case BYTE: return (byte) c.retPrim;
      case CHAR: return (char) c.retPrim;
      case SHORT: return (short) c.retPrim;
      case LONG: return c.retPrim;
      case FLOAT: return Float.intBitsToFloat((int) c.retPrim);
      case DOUBLE: return Double.longBitsToDouble(c.retPrim);
      default: return v;
    }
  }

  public static int resultInt(Carrier c) {
    if (c.retKind == REF) return Unboxing.toInt(resultRef(c));
    return (int) c.retPrim;
  }

  public static long resultLong(Carrier c) {
    if (c.retKind == REF) return ((Number) resultRef(c)).longValue();
    return isIntLike(c.retKind) ? (int) c.retPrim : c.retPrim;
  }

  public static float resultFloat(Carrier c) {
    if (c.retKind == REF) return ((Number) resultRef(c)).floatValue();
    if (c.retKind == LONG) return c.retPrim;
    return isIntLike(c.retKind) ? (int) c.retPrim : Float.intBitsToFloat((int) c.retPrim);
  }

  private static boolean isIntLike(int kind) {
    return kind == INT || kind >= BOOLEAN;
  }

  public static double resultDouble(Carrier c) {
    switch (c.retKind) {
      case REF: return ((Number) resultRef(c)).doubleValue();
      case INT: case BOOLEAN: case BYTE: case CHAR: case SHORT: return (int) c.retPrim;
      case LONG: return c.retPrim;
      case FLOAT: return Float.intBitsToFloat((int) c.retPrim);
      default: return Double.longBitsToDouble(c.retPrim);
    }
  }

  /** Unboxing that also covers the {@code boolean} and {@code char} wrappers. */
  private static final class Unboxing {
    static int toInt(Object o) {
      if (o instanceof Boolean) return (Boolean) o ? 1 : 0;
      if (o instanceof Character) return (Character) o;
      return ((Number) o).intValue();
    }
  }
}

package dev.weft.continuations.internal.abi;

import dev.weft.continuations.Continuation;

/**
 * The per-thread state that instrumented code talks to: the frame storage of the innermost running
 * continuation, the unwinding signal and the call-site token.
 *
 * <p>Frame storage is two arrays used as stacks of records. A record holds a frame's reference
 * slots (then its {@link ResumeEntry}) in {@link #refs}, and its primitive slots (then its header)
 * in {@link #prims}; headers sit on top so a record can be popped without knowing its method.
 * The arrays belong to the running continuation and are swapped in and out by
 * {@link Continuation#run()}, so emitted code reaches them with one field load.
 *
 * <p>Fields are public because emitted bytecode in user classes reads them; nothing else should.
 */
public final class Carrier {
  private static final Object[] NO_REFS = {};
  private static final long[] NO_PRIMS = {};

  /** The thread this carrier belongs to. */
  public final Thread thread = Thread.currentThread();

  /** Set by {@code suspend} until the runner of the target continuation has taken over. */
  public boolean unwinding;
  /** The token the last instrumented call site left for its callee; see {@link Frames}. */
  public Object token;
  /** An exception to rethrow at the call site of the frame being resumed. */
  public Throwable pending;

  /** Reference slots of the running continuation's saved frames. */
  public Object[] refs = NO_REFS;
  /** Primitive slots (raw bits) and record headers. */
  public long[] prims = NO_PRIMS;
  /** Stack pointers into {@link #refs} and {@link #prims}. */
  public int rsp, psp;
  /** Base of the record being written or read. */
  public int rbase, pbase;
  /** Start of the records pushed by the current unwinding, or -1; and how many were pushed. */
  public int segR = -1, segP = -1, segCount;

  /** The value returned by the last resumed frame, delivered to its caller's call site. */
  public Object retRef;
  public long retPrim;
  public int retKind;

  /** The size hint of the running continuation's scope, or null. */
  public SizeHint hint;

  /** The innermost running continuation on this thread, or null. */
  public Continuation current;
  /** Where the running unwinding stops. */
  public Continuation unwindTarget;

  /** Reserves a record and writes its entry and header; slots follow with {@code put*}. */
  void push(int nRefs, int nPrims, ResumeEntry entry, long header) {
    int r = rsp, p = psp;
    if (segCount++ == 0) {
      segR = r;
      segP = p;
    }
    if (r + nRefs + 1 > refs.length) {
      refs = java.util.Arrays.copyOf(refs, SizeHint.grow(refs.length, r + nRefs + 1, hint == null ? 0 : hint.refs));
    }
    if (p + nPrims + 1 > prims.length) {
      prims = java.util.Arrays.copyOf(prims, SizeHint.grow(prims.length, p + nPrims + 1, hint == null ? 0 : hint.prims));
    }
    rbase = r;
    pbase = p;
    refs[r + nRefs] = entry;
    prims[p + nPrims] = header;
    rsp = r + nRefs + 1;
    psp = p + nPrims + 1;
  }

  /** True when no saved record is left. */
  public boolean isEmpty() {
    return psp == 0;
  }

  /**
   * Pops the top record's header and entry, leaving {@link #rbase}/{@link #pbase} on its slots for
   * the frame's restore code, which then calls {@link Frames#pop}.
   */
  public long popHeader() {
    long header = prims[--psp];
    pbase = psp - Frames.primCount(header);
    return header;
  }

  /** Pops the entry of the record whose header was just popped. */
  public ResumeEntry popEntry(long header) {
    ResumeEntry entry = (ResumeEntry) refs[--rsp];
    refs[rsp] = null;
    rbase = rsp - Frames.refCount(header);
    return entry;
  }

  /**
   * Puts the records pushed by the current unwinding into resume order. Unwinding saves the
   * innermost frame first, but resuming must start from it, so the segment is reversed record by
   * record: reverse the whole segment, then each record back into its own order. In the steady
   * state a resumed frame suspends again alone and nothing moves; nothing is ever allocated.
   */
  public void closeSegment() {
    int r0 = segR, p0 = segP, n = segCount;
    segR = segP = -1;
    segCount = 0;
    if (n <= 1) return;
    reverse(prims, p0, psp);
    reverse(refs, r0, rsp);
    for (int p = p0, r = r0; p < psp; ) {
      long header = prims[p]; // reversed: each record now starts with its header
      int pl = Frames.primCount(header) + 1, rl = Frames.refCount(header) + 1;
      reverse(prims, p, p + pl);
      reverse(refs, r, r + rl);
      p += pl;
      r += rl;
    }
  }

  private static void reverse(long[] a, int from, int to) {
    for (int i = from, j = to - 1; i < j; i++, j--) {
      long t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static void reverse(Object[] a, int from, int to) {
    for (int i = from, j = to - 1; i < j; i++, j--) {
      Object t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Drops every saved record, releasing what they reference. */
  public void clear() {
    java.util.Arrays.fill(refs, 0, rsp, null);
    rsp = psp = 0;
    segR = segP = -1;
    segCount = 0;
  }
}

package dev.weft.continuations.internal.abi;

/**
 * The per-thread state that instrumented code talks to: the frame storage of the innermost running
 * continuation, the unwinding signal and the call-site token.
 *
 * <p>Frame storage is two arrays used as stacks of records. A record holds a frame's reference
 * slots (then its {@link ResumeEntry}) in {@link #refs}, and its primitive slots (then its header)
 * in {@link #prims}; headers sit on top so a record can be popped without knowing its method.
 * The arrays belong to the running continuation and are swapped in and out by
 * {@link Runner#run()}, so emitted code reaches them with one field load.
 *
 * <p>Only the three fields that emitted bytecode in user classes reads or writes are public
 * ({@link #unwinding}, {@link #token}, {@link #pending}); everything else is reached through
 * {@link Frames} and {@link Runner}, in this package.
 */
public final class Carrier {
  private static final Object[] NO_REFS = {};
  private static final long[] NO_PRIMS = {};

  /** The thread this carrier belongs to. */
  final Thread thread = Thread.currentThread();

  /** Set by {@code suspend} until the runner of the target continuation has taken over. */
  public boolean unwinding;
  /** The token the last instrumented call site left for its callee; see {@link Frames}. */
  public Object token;
  /** An exception to rethrow at the call site of the frame being resumed. */
  public Throwable pending;

  /** Reference slots of the running continuation's saved frames. */
  Object[] refs = NO_REFS;
  /** Primitive slots (raw bits) and record headers. */
  long[] prims = NO_PRIMS;
  /** Stack pointers into {@link #refs} and {@link #prims}. */
  int rsp, psp;
  /** Base of the record being written or read. */
  int rbase, pbase;
  /** Start of the records pushed by the current unwinding (meaningful while segCount > 0), and how many were pushed. */
  int segR = -1, segP = -1, segCount;

  /** The value returned by the last resumed frame, delivered to its caller's call site. */
  Object retRef;
  long retPrim;
  int retKind;

  /** The innermost running continuation on this thread, or null. */
  Runner current;
  /** Where the running unwinding stops. */
  Runner unwindTarget;

  /* Lowest index of the records staged by the current unwinding (see push), in refs and prims. */
  private int stageR, stageP;

  /**
   * Reserves a record and writes its entry and header; slots follow with {@code put*}. The first
   * record of an unwinding (the innermost frame) goes on top of the stack; the next ones (its
   * callers, outward) are staged downward from the ends of the arrays, so that they lie in
   * resume order already and {@link #closeSegment} only has to move two blocks.
   */
  void push(int nRefs, int nPrims, ResumeEntry entry, long header) {
    int rl = nRefs + 1, pl = nPrims + 1;
    int r, p;
    if (segCount++ == 0) {
      r = rsp;
      p = psp;
      segR = r;
      segP = p;
      if (r + rl > refs.length) {
        refs = java.util.Arrays.copyOf(refs, SizeHint.grow(refs.length, r + rl, current == null ? 0 : current.sizeHint().refs));
      }
      if (p + pl > prims.length) {
        prims = java.util.Arrays.copyOf(prims, SizeHint.grow(prims.length, p + pl, current == null ? 0 : current.sizeHint().prims));
      }
      rsp = r + rl;
      psp = p + pl;
      stageR = refs.length;
      stageP = prims.length;
    } else {
      if (stageR - rl < rsp) growStagedRefs(rl);
      if (stageP - pl < psp) growStagedPrims(pl);
      r = stageR -= rl;
      p = stageP -= pl;
    }
    rbase = r;
    pbase = p;
    refs[r + nRefs] = entry;
    prims[p + nPrims] = header;
  }

  /* Doubles refs, keeping the stack at the bottom and the staged records at the top. */
  private void growStagedRefs(int more) {
    Object[] old = refs;
    int staged = old.length - stageR;
    Object[] grown = new Object[Math.max(4, (rsp + staged + more) * 2)];
    System.arraycopy(old, 0, grown, 0, rsp);
    System.arraycopy(old, stageR, grown, grown.length - staged, staged);
    refs = grown;
    stageR = grown.length - staged;
  }

  private void growStagedPrims(int more) {
    long[] old = prims;
    int staged = old.length - stageP;
    long[] grown = new long[Math.max(4, (psp + staged + more) * 2)];
    System.arraycopy(old, 0, grown, 0, psp);
    System.arraycopy(old, stageP, grown, grown.length - staged, staged);
    prims = grown;
    stageP = grown.length - staged;
  }

  /** True when no saved record is left. */
  boolean isEmpty() {
    return psp == 0;
  }

  /**
   * Pops the top record's header and entry, leaving {@link #rbase}/{@link #pbase} on its slots for
   * the frame's restore code, which then calls {@link Frames#pop}.
   */
  long popHeader() {
    long header = prims[--psp];
    pbase = psp - Frames.primCount(header);
    return header;
  }

  /** Pops the entry of the record whose header was just popped. */
  ResumeEntry popEntry(long header) {
    ResumeEntry entry = (ResumeEntry) refs[--rsp];
    refs[rsp] = null;
    rbase = rsp - Frames.refCount(header);
    return entry;
  }

  /* Holds the innermost record while closeSegment moves the staged ones under it. */
  private Object[] holdRefs = new Object[8];
  private long[] holdPrims = new long[8];

  /**
   * Puts the records pushed by the current unwinding into resume order: the innermost frame's
   * record, pushed first onto the stack, must end on top, above its callers' records, which
   * {@link #push} staged at the ends of the arrays already in that order. So: set the innermost
   * record aside, move the staged block down onto the stack, put the innermost record back on top,
   * and clear what the staged block left behind. In the steady state a resumed frame suspends
   * again alone and nothing moves; nothing is allocated once the hold arrays fit.
   */
  void closeSegment() {
    int n = segCount;
    segCount = 0;
    if (n <= 1) return; // the usual case: the frame that suspended alone, already on top
    int r0 = segR, p0 = segP;
    int r1 = rsp - r0, p1 = psp - p0; // the innermost record
    int sr = refs.length - stageR, sp = prims.length - stageP; // the staged records
    int top = r0 + sr + r1, ptop = p0 + sp + p1;
    if (top <= stageR) { // room between: the innermost record moves up without touching the staged ones
      System.arraycopy(refs, r0, refs, r0 + sr, r1);
      System.arraycopy(refs, stageR, refs, r0, sr);
    } else {
      if (holdRefs.length < r1) holdRefs = new Object[r1 * 2];
      System.arraycopy(refs, r0, holdRefs, 0, r1);
      System.arraycopy(refs, stageR, refs, r0, sr);
      System.arraycopy(holdRefs, 0, refs, r0 + sr, r1);
      java.util.Arrays.fill(holdRefs, 0, r1, null);
    }
    if (ptop <= stageP) {
      System.arraycopy(prims, p0, prims, p0 + sp, p1);
      System.arraycopy(prims, stageP, prims, p0, sp);
    } else {
      if (holdPrims.length < p1) holdPrims = new long[p1 * 2];
      System.arraycopy(prims, p0, holdPrims, 0, p1);
      System.arraycopy(prims, stageP, prims, p0, sp);
      System.arraycopy(holdPrims, 0, prims, p0 + sp, p1);
    }
    rsp = top;
    psp = ptop;
    if (stageR < rsp) stageR = rsp; // what the move overwrote is in use; clear only the rest
    java.util.Arrays.fill(refs, stageR, refs.length, null);
  }

  /** Drops every saved record, releasing what they reference. */
  void clear() {
    java.util.Arrays.fill(refs, 0, rsp, null);
    rsp = psp = 0;
    segR = segP = -1;
    segCount = 0;
  }
}

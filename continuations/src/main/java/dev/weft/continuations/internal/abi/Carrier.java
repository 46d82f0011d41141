package dev.weft.continuations.internal.abi;

/**
 * The per-thread state that instrumented code talks to: the frame storage of the innermost running
 * continuation, the unwinding signal and the call-site token.
 *
 * <p>Frame storage is two arrays used as stacks of records, owned by each runner. A record holds a
 * frame's reference slots (then its {@link ResumeEntry}) in {@link Runner#refs}, and its primitive
 * slots (then its header) in {@link Runner#prims}; headers sit on top so a record can be popped
 * without knowing its method. Emitted code reaches the arrays through {@link #current} rather than
 * through arrays swapped into the carrier at every run: the swap was four reference stores per
 * resume into this long-lived object, each paying the collector's write barrier (with G1, a
 * fence), where the extra load costs next to nothing. The stack pointers stay here (primitive
 * stores are free of barriers) and are swapped by {@link Runner#run(Carrier)}.
 *
 * <p>Only the three fields that emitted bytecode in user classes reads or writes are public
 * ({@link #unwinding}, {@link #token}, {@link #pending}); everything else is reached through
 * {@link Frames} and {@link Runner}, in this package.
 */
public final class Carrier {
  /** The thread this carrier belongs to. */
  final Thread thread = Thread.currentThread();

  /** Set by {@code suspend} until the runner of the target continuation has taken over. */
  public boolean unwinding;
  /** The token the last instrumented call site left for its callee; see {@link Frames}. */
  public long token;
  /** Where the last call site inside {@code synchronized} is, for a refusal's message (see {@link Frames#monitorSite}). */
  String monitorSite;
  /** An exception to rethrow at the call site of the frame being resumed. */
  public Throwable pending;

  /** Stack pointers into the running continuation's {@link Runner#refs} and {@link Runner#prims}. */
  int rsp, psp;
  /** Base of the record being written or read. */
  int rbase, pbase;
  /** Base of the records pushed by the current unwinding (meaningful while segCount > 0), and how many were pushed. */
  int segR = -1, segP = -1, segCount;

  /** The value returned by the last resumed frame, delivered to its caller's call site. */
  Object retRef;
  long retPrim;
  int retKind;

  /** The values of the layers' {@link CarrierLocal}s on this thread. */
  final Object[] locals = new Object[CarrierLocal.CAPACITY];

  /** The innermost running continuation on this thread, or null. */
  Runner current;
  /** Where the running unwinding stops; null: at the innermost running continuation. */
  Runner unwindTarget;

  /*
   * The current unwinding's records. An unwinding saves the innermost frame first and its callers
   * outward, the reverse of the order a resume reads them, so each record is written below the
   * previous one, downward from the segment's top: the first record goes where the segment's size
   * predicts its top will be (the size of the runner's last segment, Runner.lastSegmentRefs/Prims),
   * and `rsp`/`psp` are set to that top at once. When the prediction holds, as it does when a loop
   * suspends at the same depth again and again, the records end exactly at the base and nothing
   * moves. `placeR`/`placeP` is the lowest placed record. Callers that no longer fit above the base
   * are staged downward from the ends of the arrays instead (`staging`), and closeSegment joins the
   * two blocks.
   *
   * push and closeSegment run once per suspension and are kept small on purpose: C2 does not
   * inline a hot method over 325 bytecodes (FreqInlineSize), and an out-of-line call on every
   * suspension costs more than the work it does. What a steady loop never needs (growing, staging,
   * moving) is in separate methods.
   */
  private int placeR, placeP;
  private boolean staging;
  /* Lowest index of the records staged at the ends of the arrays, in refs and prims (while staging). */
  private int stageR, stageP;

  /**
   * Reserves a record and writes its entry and header; slots follow with {@code put*}. See the
   * comment above for where records go.
   */
  void push(int nRefs, int nPrims, ResumeEntry entry, long header) {
    int rl = nRefs + 1, pl = nPrims + 1;
    int r, p;
    if (segCount++ == 0) {
      r = openSegment(rl, pl);
      p = placeP;
    } else if (!staging && (r = placeR - rl) >= segR && (p = placeP - pl) >= segP) {
      placeR = r;
      placeP = p;
    } else {
      r = stage(rl, pl);
      p = stageP;
    }
    rbase = r;
    pbase = p;
    Runner k = current;
    Object[] refs = k.refs;
    if (refs[r + nRefs] != entry) refs[r + nRefs] = entry; // see Frames.putRef: usually there already
    k.prims[p + nPrims] = header;
  }

  /* The first record of an unwinding: sets the segment's base and predicted top, returns the record's refs index. */
  private int openSegment(int rl, int pl) {
    int r0 = rsp, p0 = psp;
    segR = r0;
    segP = p0;
    Runner k = current;
    int predictR = k.lastSegmentRefs, predictP = k.lastSegmentPrims;
    if (predictP == 0 && p0 == 0) { // a runner's first unwinding: as deep as the last of its scope's
      predictR = k.sizeHint().refs;
      predictP = k.sizeHint().prims;
    }
    int wantR = Math.max(rl, predictR), wantP = Math.max(pl, predictP);
    if (r0 + wantR > k.refs.length) k.refs = grownRefs(k.refs, r0 + wantR, k);
    if (p0 + wantP > k.prims.length) k.prims = grownPrims(k.prims, p0 + wantP, k);
    int topR = rsp = r0 + wantR;
    int topP = psp = p0 + wantP;
    if (topR > k.refsHigh) k.refsHigh = topR;
    if (staging) staging = false;
    placeP = topP - pl;
    return placeR = topR - rl;
  }

  /* A caller that no longer fits above the segment's base: written downward from the arrays' ends. */
  private int stage(int rl, int pl) {
    if (!staging) {
      staging = true;
      stageR = current.refs.length;
      stageP = current.prims.length;
    }
    if (stageR - rl < rsp) growStagedRefs(rl);
    if (stageP - pl < psp) growStagedPrims(pl);
    stageP -= pl;
    return stageR -= rl;
  }

  /* Arrays that hold `need`, sized by the scope's hint: a fresh runner's are made, not copied from empty ones. */
  private static Object[] grownRefs(Object[] refs, int need, Runner k) {
    int n = SizeHint.grow(refs.length, need, k.sizeHint().refs);
    return refs.length == 0 ? new Object[n] : java.util.Arrays.copyOf(refs, n);
  }

  private static long[] grownPrims(long[] prims, int need, Runner k) {
    int n = SizeHint.grow(prims.length, need, k.sizeHint().prims);
    return prims.length == 0 ? new long[n] : java.util.Arrays.copyOf(prims, n);
  }

  /* Doubles refs, keeping the stack at the bottom and the staged records at the top. */
  private void growStagedRefs(int more) {
    Object[] old = current.refs;
    int staged = old.length - stageR;
    Object[] grown = new Object[Math.max(4, (rsp + staged + more) * 2)];
    System.arraycopy(old, 0, grown, 0, rsp);
    System.arraycopy(old, stageR, grown, grown.length - staged, staged);
    current.refs = grown;
    stageR = grown.length - staged;
  }

  private void growStagedPrims(int more) {
    long[] old = current.prims;
    int staged = old.length - stageP;
    long[] grown = new long[Math.max(4, (psp + staged + more) * 2)];
    System.arraycopy(old, 0, grown, 0, psp);
    System.arraycopy(old, stageP, grown, grown.length - staged, staged);
    current.prims = grown;
    stageP = grown.length - staged;
  }

  /** True when no saved record is left. */
  boolean isEmpty() {
    return psp == 0;
  }

  /**
   * Pops the top record's header and entry, leaving {@link #rbase}/{@link #pbase} on its slots for
   * the frame's restore code, which then calls {@link Frames#pop}. The popped slots keep their
   * values until the runner stops (see {@link Frames#putRef} for why).
   */
  long popHeader() {
    long header = current.prims[--psp];
    pbase = psp - Frames.primCount(header);
    return header;
  }

  /** Pops the entry of the record whose header was just popped. */
  ResumeEntry popEntry(long header) {
    Object[] refs = current.refs;
    ResumeEntry entry = (ResumeEntry) refs[--rsp]; // left in place, see Frames.putRef
    rbase = rsp - Frames.refCount(header);
    return entry;
  }

  /**
   * After a resumed frame threw: the stack back at the base of its record. A frame pops its record
   * as soon as it has restored its slots, so this changes something only if the restore itself
   * threw (a bug in emitted code, such as a failing cast); without it the callers' records would
   * be read out of step, and the exception lost in a failure of the runtime's own.
   */
  void dropAbove(int recordR, int recordP) {
    if (unwinding) return; // the frame's failure is not this unwinding's
    if (rsp > recordR) {
      java.util.Arrays.fill(current.refs, recordR, rsp, null);
      rsp = recordR;
    }
    if (psp > recordP) psp = recordP;
  }

  /* Holds the placed records while closeSegment moves the staged ones under them. */
  private Object[] holdRefs = new Object[8];
  private long[] holdPrims = new long[8];

  /**
   * Ends the current unwinding with its records in resume order on top of the stack, and tells
   * {@code k} (the runner whose stack it is) the segment's size, to place the next one. When the
   * placement's prediction held, nothing moves; otherwise {@link #joinSegment()} moves the blocks.
   */
  void closeSegment(Runner k) {
    if (segCount == 0) return;
    segCount = 0;
    if (staging || placeR != segR || placeP != segP) joinSegment();
    if (k != null) {
      k.lastSegmentRefs = (char) Math.min(rsp - segR, Character.MAX_VALUE);
      k.lastSegmentPrims = (char) Math.min(psp - segP, Character.MAX_VALUE);
      if (rsp > k.refsHigh) k.refsHigh = rsp; // a join may end above the placed top
    }
  }

  /**
   * closeSegment when the prediction missed: when it was too large the placed block moves down to
   * the base; when it was too small, the staged callers move to the base and the placed block goes
   * above them. Nothing is allocated once the hold arrays fit.
   */
  private void joinSegment() {
    Object[] refs = current.refs;
    long[] prims = current.prims;
    int r0 = segR, p0 = segP;
    int placedR = rsp - placeR, placedP = psp - placeP;
    if (!staging) {
      if (placeR != r0) {
        System.arraycopy(refs, placeR, refs, r0, placedR);
        java.util.Arrays.fill(refs, Math.max(r0 + placedR, placeR), rsp, null);
      }
      if (placeP != p0) System.arraycopy(prims, placeP, prims, p0, placedP);
      rsp = r0 + placedR;
      psp = p0 + placedP;
      return;
    }
    int sr = refs.length - stageR, sp = prims.length - stageP; // the staged callers, outermost lowest
    if (holdRefs.length < placedR) holdRefs = new Object[placedR * 2];
    if (holdPrims.length < placedP) holdPrims = new long[placedP * 2];
    System.arraycopy(refs, placeR, holdRefs, 0, placedR);
    System.arraycopy(prims, placeP, holdPrims, 0, placedP);
    java.util.Arrays.fill(refs, placeR, rsp, null);
    System.arraycopy(refs, stageR, refs, r0, sr);
    System.arraycopy(prims, stageP, prims, p0, sp);
    System.arraycopy(holdRefs, 0, refs, r0 + sr, placedR);
    System.arraycopy(holdPrims, 0, prims, p0 + sp, placedP);
    java.util.Arrays.fill(holdRefs, 0, placedR, null);
    rsp = r0 + sr + placedR;
    psp = p0 + sp + placedP;
    java.util.Arrays.fill(refs, Math.max(stageR, rsp), refs.length, null); // what the staged block left behind
    staging = false;
  }
}

package dev.weft.continuations.internal.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frame stack's order: records saved by one unwinding (innermost frame first) come back
 * innermost first with their own slots, above what was saved before, whether the arrays had room
 * to spare, were exactly full, or had to grow in the middle of the unwinding; and whether the
 * runner's last segment predicted this one's size exactly, too large or too small.
 */
class CarrierSegmentTest {
  /* A record of frame f: f+1 references "f.i" and f+2 primitives f*100+i. */
  private static void save(Carrier c, int f, List<ResumeEntry> entries) {
    ResumeEntry entry = (carrier, header) -> { };
    entries.add(entry);
    int nRefs = f + 1, nPrims = f + 2;
    c.push(nRefs, nPrims, entry, Frames.header(0, f, nPrims, nRefs));
    for (int i = 0; i < nRefs; i++) c.current.refs[c.rbase + i] = f + "." + i;
    for (int i = 0; i < nPrims; i++) c.current.prims[c.pbase + i] = f * 100L + i;
  }

  /* Pops one record and checks it is frame f's. */
  private static void expect(Carrier c, int f, ResumeEntry entry) {
    long header = c.popHeader();
    assertSame(entry, c.popEntry(header));
    assertEquals(f + 1, Frames.refCount(header));
    assertEquals(f + 2, Frames.primCount(header));
    for (int i = 0; i < f + 1; i++) assertEquals(f + "." + i, c.current.refs[c.rbase + i]);
    for (int i = 0; i < f + 2; i++) assertEquals(f * 100L + i, c.current.prims[c.pbase + i]);
    Frames.pop(c); // as a frame's restore code does
  }

  private static void unwindAndCheck(Carrier c, int frames) {
    List<ResumeEntry> older = new ArrayList<>();
    save(c, 7, older); // a segment saved earlier, alone
    c.closeSegment(c.current);
    c.current.lastSegmentRefs = c.current.lastSegmentPrims = 0; // no prediction: the placement tests below cover it
    List<ResumeEntry> entries = new ArrayList<>();
    for (int f = 0; f < frames; f++) save(c, f, entries); // innermost (0) first, as unwinding does
    c.closeSegment(c.current);
    for (int f = 0; f < frames; f++) expect(c, f, entries.get(f));
    expect(c, 7, older.get(0));
    assertTrue(c.isEmpty());
    assertNothingLeftBehind(c);
  }

  /*
   * Popped records keep their values until the runner stops (Frames.putRef), but nothing lies
   * above its high-water mark, and once it stops (clearAbove, as run() does) nothing is left.
   */
  private static void assertNothingLeftBehind(Carrier c) {
    Runner k = c.current;
    for (int i = k.refsHigh; i < k.refs.length; i++) {
      assertNull(k.refs[i], "a moved record left a reference above the high-water mark, at " + i);
    }
    k.clearAbove(c.rsp);
    for (Object r : k.refs) assertNull(r, "a popped or moved record left a reference behind");
  }

  @Test
  void manyFrames_growingMidUnwinding() {
    unwindAndCheck(withRunner(), 40);
  }

  @Test
  void twoFrames_roomToSpare() {
    Carrier c = withRunner();
    c.current.refs = new Object[64];
    c.current.prims = new long[64];
    unwindAndCheck(c, 2);
  }

  @Test
  void exactlyFullArrays() {
    // 7's record (8 refs + entry, 9 prims + header) plus frames 0..2 (1+2+3 refs + 3 entries, 2+3+4 prims + 3 headers)
    Carrier c = withRunner();
    c.current.refs = new Object[9 + 9];
    c.current.prims = new long[10 + 12];
    unwindAndCheck(c, 3);
    assertEquals(18, c.current.refs.length, "no growth was needed");
  }

  private static Carrier withRunner() {
    Carrier c = new Carrier();
    c.current = new Runner(new SizeHint(new dev.weft.continuations.ContinuationScope("segments")), () -> { });
    return c;
  }

  /* One unwinding of `frames` frames on top of what c holds, then all of them resumed; returns where the innermost was written. */
  private static int unwindThenDrain(Carrier c, int frames) {
    List<ResumeEntry> entries = new ArrayList<>();
    save(c, 0, entries);
    int innermostAt = c.rbase;
    for (int f = 1; f < frames; f++) save(c, f, entries);
    c.closeSegment(c.current);
    for (int f = 0; f < frames; f++) expect(c, f, entries.get(f));
    return innermostAt;
  }

  @Test
  void theSameDepthAgain_isWrittenWhereItIsRead() {
    Carrier c = withRunner();
    unwindThenDrain(c, 5);
    // the prediction holds: the innermost record is written at its final place, under nothing
    int innermostAt = unwindThenDrain(c, 5);
    assertEquals(3 + 4 + 5 + 6, innermostAt, "frames 1..4 (f+1 slots and an entry each) below the innermost");
    assertTrue(c.isEmpty());
    assertNothingLeftBehind(c);
  }

  @Test
  void shallowerThanLastTime_movesDown_leavesNoReferenceBehind() {
    Carrier c = withRunner();
    unwindThenDrain(c, 6);
    List<ResumeEntry> older = new ArrayList<>();
    save(c, 7, older);
    c.closeSegment(c.current);
    unwindThenDrain(c, 2);
    expect(c, 7, older.get(0));
    assertTrue(c.isEmpty());
    assertNothingLeftBehind(c);
  }

  @Test
  void deeperThanLastTime_stagesTheRest_inOrder() {
    Carrier c = withRunner();
    unwindThenDrain(c, 2);
    List<ResumeEntry> older = new ArrayList<>();
    save(c, 7, older);
    c.closeSegment(c.current);
    unwindThenDrain(c, 9);
    unwindThenDrain(c, 3);
    expect(c, 7, older.get(0));
    assertTrue(c.isEmpty());
    assertNothingLeftBehind(c);
  }

  @Test
  void aFreshRunner_isPlacedByItsScopesHint() {
    Carrier first = withRunner();
    SizeHint hint = first.current.sizeHint();
    List<ResumeEntry> entries = new ArrayList<>();
    for (int f = 0; f < 3; f++) save(first, f, entries);
    first.closeSegment(first.current);
    hint.refs = first.rsp; // as Runner.run records it when the first runner of the scope suspends
    hint.prims = first.psp;

    Carrier c = new Carrier();
    c.current = new Runner(hint, () -> { });
    assertEquals(3 + 4, unwindThenDrain(c, 3), "the innermost record goes straight above its two callers");
    assertEquals(hint.refs, c.current.refs.length, "arrays made at the hinted size");
  }
}

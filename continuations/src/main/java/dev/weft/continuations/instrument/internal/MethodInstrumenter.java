package dev.weft.continuations.instrument.internal;

import dev.weft.continuations.instrument.InstrumentationException;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Rewrites one method so its frame can be saved at each suspension point, and builds its resume
 * copy: analysis first ({@link FrameAnalysis}, {@link MonitorRegions}, {@link CallSite}), then
 * each emitter adds its one shape. See DESIGN.md, "Layer 1".
 *
 * <pre>
 * original m(args):                          copy m$weftN(Carrier c, int site), static:
 *   entry                  EntryEmitter        entry, restore[i]      RestoreFrameEmitter
 *   ...                                        ...the same body as the original...
 *   token; call; check     CallSiteEmitter     token; call; check     CallSiteEmitter
 * continue[i]:                               continue[i]:
 *   ...                                        ...
 * save[i]                  SaveFrameEmitter  save[i]                SaveFrameEmitter
 *                                            rethrow[i]             RethrowEmitter
 * </pre>
 */
final class MethodInstrumenter {
  private MethodInstrumenter() {}

  /**
   * Instruments {@code method} in place at the given call sites and returns its resume copy.
   *
   * @param lambdas the class's lambda bodies, which are entered from a metafactory's class
   */
  static MethodNode instrument(ClassNode owner, MethodNode method, int methodIndex, List<MethodInsnNode> calls,
      TypeHierarchy hierarchy, CallSiteClassifier classifier, LambdaBodies lambdas) {
    if (calls.size() > 0xFFFF) {
      throw new InstrumentationException("cannot instrument " + Naming.method(owner, method) + ": more than 65535 suspension points");
    }
    MethodContext cx = new MethodContext(owner, method, methodIndex);
    List<CallSite> sites = layOut(cx, calls, hierarchy, classifier);
    int temps = 0, argTemps = 0;
    for (CallSite site : sites) {
      temps = Math.max(temps, site.tempSize());
      argTemps = Math.max(argTemps, CallSiteEmitter.argSpillSize(site.call));
    }
    cx.argBase = cx.tempBase + temps;
    EntryEmitter.reuseCarrier(cx); // after the frame analysis (the carrier local is not set yet), before the copy
    ResumeCopy copy = ResumeCopy.of(cx, sites);

    EntryEmitter.emit(cx, lambdas);
    for (CallSite site : sites) emitSite(cx, method, site, site.call);
    emitCopy(cx, sites, copy);

    method.maxLocals += 2 + temps + argTemps;
    copy.method.maxLocals = method.maxLocals;
    return copy.method;
  }

  private static List<CallSite> layOut(MethodContext cx, List<MethodInsnNode> calls, TypeHierarchy hierarchy,
      CallSiteClassifier classifier) {
    MethodNode method = cx.method;
    FrameAnalysis analysis = FrameAnalysis.of(cx.owner, method, hierarchy);
    boolean[] monitors = MonitorRegions.of(method, analysis.successors, analysis.handlers);
    boolean elides = TailCalls.elides(method);
    Liveness liveness = Liveness.enabled() ? Liveness.of(method, analysis) : null;
    List<CallSite> sites = new ArrayList<>();
    for (MethodInsnNode call : calls) {
      int index = method.instructions.indexOf(call);
      CallSite site = CallSite.of(cx.owner, method, sites.size(), call, analysis.frames[index], monitors[index], cx.tempBase, classifier, liveness);
      site.tail = elides && !site.holdsMonitor && TailCalls.isTail(method, call, index, site.stack.size());
      if (site.refCount > 0xFFFF || site.primCount > 0xFFFF) {
        throw new InstrumentationException("cannot instrument " + Naming.method(cx.owner, method) + ": frame too large");
      }
      sites.add(site);
    }
    return sites;
  }

  /**
   * The call site's check, and its save block at the end of {@code target}; returns where a resumed
   * frame goes on. A tail call gets its token only: unwinding, the frame returns the callee's dummy.
   */
  private static LabelNode emitSite(MethodContext cx, MethodNode target, CallSite site, MethodInsnNode call) {
    if (site.tail) {
      CallSiteEmitter.emitToken(target, cx, site, call);
      return null;
    }
    LabelNode save = new LabelNode();
    LabelNode resume = CallSiteEmitter.emit(target, cx, site, call, save);
    target.instructions.add(SaveFrameEmitter.emit(cx, site, save));
    return resume;
  }

  private static void emitCopy(MethodContext cx, List<CallSite> sites, ResumeCopy copy) {
    MethodNode m = copy.method;
    LabelNode[] restores = new LabelNode[sites.size()];
    for (int i = 0; i < restores.length; i++) restores[i] = new LabelNode();
    InsnList entry = RestoreFrameEmitter.entry(cx, restores);
    InsnList tail = FrameCode.list();
    List<TryCatchBlockNode> rethrowHandlers = new ArrayList<>();
    for (CallSite site : sites) {
      MethodInsnNode call = copy.calls.get(site.number);
      if (site.tail) {
        emitSite(cx, m, site, call);
        RestoreFrameEmitter.noRecord(tail, restores[site.number]);
        continue;
      }
      LabelNode rethrow = new LabelNode(), rethrowEnd = new LabelNode();
      RethrowEmitter.handlers(m, call, rethrow, rethrowEnd, rethrowHandlers);
      LabelNode resume = emitSite(cx, m, site, call);
      RestoreFrameEmitter.restore(entry, cx, site, restores[site.number], rethrow, resume);
      RethrowEmitter.stub(tail, cx, rethrow, rethrowEnd);
    }
    m.instructions.insert(entry);
    m.instructions.add(tail);
    m.tryCatchBlocks.addAll(rethrowHandlers);
  }
}

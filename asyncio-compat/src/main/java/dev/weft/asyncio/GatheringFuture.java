package dev.weft.asyncio;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The outer future of {@link Asyncio#gather}, as CPython's {@code _GatheringFuture}. */
final class GatheringFuture extends Future<List<Object>> {
  private final List<Future<?>> children;
  private boolean cancelRequested;

  private GatheringFuture(List<Future<?>> children, EventLoop loop) {
    super(loop);
    this.children = children;
  }

  /** Cancels every child not done yet; the outer future then completes with a CancelledError. */
  @Override
  public boolean cancel(String msg) {
    if (done()) return false;
    boolean ret = false;
    for (Future<?> child : children) {
      if (child.cancel(msg)) ret = true;
    }
    if (ret) cancelRequested = true;
    return ret;
  }

  static Future<List<Object>> gather(boolean returnExceptions, Awaitable<?>... aws) {
    if (aws.length == 0) {
      Future<List<Object>> outer = Asyncio.getEventLoop().createFuture();
      outer.setResult(new ArrayList<>());
      return outer;
    }
    Map<Awaitable<?>, Future<?>> argToFut = new IdentityHashMap<>();
    List<Future<?>> children = new ArrayList<>(aws.length);
    List<Future<?>> doneFuts = new ArrayList<>();
    List<Future<?>> pendingFuts = new ArrayList<>();
    EventLoop loop = null;
    for (Awaitable<?> arg : aws) {
      Future<?> fut = argToFut.get(arg);
      if (fut == null) {
        fut = loop == null ? Asyncio.ensureFuture(arg) : Tasks.ensureFuture(arg, loop);
        if (loop == null) loop = fut.loop;
        argToFut.put(arg, fut);
        (fut.done() ? doneFuts : pendingFuts).add(fut);
      }
      children.add(fut);
    }
    int nfuts = argToFut.size();
    GatheringFuture outer = new GatheringFuture(children, loop);
    ChildDone doneCallback = new ChildDone(outer, children, nfuts, returnExceptions);
    for (Future<?> f : pendingFuts) cast(f).addCallback(doneCallback);
    for (Future<?> f : doneFuts) doneCallback.accept(cast(f));
    return outer;
  }

  @SuppressWarnings("unchecked")
  private static Future<Object> cast(Future<?> f) {
    return (Future<Object>) f;
  }

  /* gather's callback on each child: the outer future awaits the children (CPython's future_add_to_awaited_by). */
  private static final class ChildDone implements Consumer<Future<Object>>, AwaitLink {
    private final GatheringFuture outer;
    private final List<Future<?>> children;
    private final int nfuts;
    private final boolean returnExceptions;
    private int nfinished;

    ChildDone(GatheringFuture outer, List<Future<?>> children, int nfuts, boolean returnExceptions) {
      this.outer = outer;
      this.children = children;
      this.nfuts = nfuts;
      this.returnExceptions = returnExceptions;
    }

    @Override
    public Future<?> awaiter() {
      return outer;
    }

    @Override
    public void accept(Future<Object> fut) {
      nfinished++;
      if (outer.done()) {
        if (!fut.cancelled()) fut.exception(); // mark retrieved: nobody else will look
        return;
      }
      if (!returnExceptions) {
        if (fut.cancelled()) {
          outer.setExceptionInternal(fut.makeCancelledError());
          return;
        }
        Throwable exc = fut.exception();
        if (exc != null) {
          outer.setExceptionInternal(exc);
          return;
        }
      }
      if (nfinished == nfuts) {
        List<Object> results = new ArrayList<>(children.size());
        for (Future<?> child : children) {
          if (child.cancelled()) {
            results.add(child.makeCancelledError());
          } else {
            Throwable exc = child.exception();
            results.add(exc != null ? exc : child.result());
          }
        }
        if (outer.cancelRequested) {
          outer.setExceptionInternal(fut.makeCancelledError());
        } else {
          outer.setResultInternal(results);
        }
      }
    }
  }
}

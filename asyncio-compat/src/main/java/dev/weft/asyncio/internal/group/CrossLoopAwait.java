package dev.weft.asyncio.internal.group;

import dev.weft.asyncio.EventLoop;
import dev.weft.asyncio.Future;
import dev.weft.asyncio.internal.task.Awaits;
import dev.weft.asyncio.internal.task.Current;
import dev.weft.asyncio.internal.task.OutsideTask;
import dev.weft.continuations.Suspend;

/**
 * An await of a future that belongs to another loop of a group (loop A), by a task of loop B.
 * Futures are not thread-safe, so B never looks at A's future: A's thread registers the done
 * callback and reads the outcome, and hands it to a stand-in future of B through
 * {@code callSoonThreadsafe}; the task on B awaits the stand-in and so resumes on B's thread.
 * Cancelling the awaiting task cancels the stand-in, which asks A to cancel its future, as an
 * await on one loop cancels what it awaits.
 */
public final class CrossLoopAwait {
  private CrossLoopAwait() {}

  /** The result of {@code f}, of a group loop other than the one on this thread; see the class comment. */
  public static <T> T await(Future<T> f) throws Suspend {
    EventLoop owner = f.getLoop();
    Current here = Current.onThread();
    if (here == null || here.body() == null) {
      throw OutsideTask.refusal("await a future of " + owner.name(), here != null);
    }
    EventLoop loop = here.loop();
    Future<T> standIn = loop.createFuture();
    try {
      owner.callSoonThreadsafe(() -> f.addDoneCallback(done -> relay(done, loop, standIn)));
    } catch (IllegalStateException closed) {
      throw new IllegalStateException("cannot await a future of " + owner.name() + " from " + loop.name()
          + ": " + owner.name() + " is closed", closed);
    }
    standIn.addDoneCallback(s -> {
      if (s.cancelled()) cancelOn(owner, f);
    });
    return Awaits.awaitFuture(standIn);
  }

  /* On the owner's thread: the outcome of done, read where it may be read, sent to the awaiting loop. */
  private static <T> void relay(Future<T> done, EventLoop loop, Future<T> standIn) {
    Runnable copy;
    if (done.cancelled()) {
      copy = () -> standIn.cancel();
    } else {
      Throwable failure = done.exception();
      if (failure != null) {
        copy = () -> standIn.setException(failure);
      } else {
        T value = done.result();
        copy = () -> standIn.setResult(value);
      }
    }
    try {
      loop.callSoonThreadsafe(() -> {
        if (!standIn.done()) copy.run(); // the awaiting task may have been cancelled meanwhile
      });
    } catch (IllegalStateException closed) {
      // the awaiting loop is closed: its task is gone, nobody is left to tell
    }
  }

  private static void cancelOn(EventLoop owner, Future<?> f) {
    try {
      owner.callSoonThreadsafe(() -> f.cancel());
    } catch (IllegalStateException closed) {
      // the owner is closed: its future can no longer complete, nothing to cancel
    }
  }
}

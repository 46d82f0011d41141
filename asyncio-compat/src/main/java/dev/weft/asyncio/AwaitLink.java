package dev.weft.asyncio;

/**
 * A done callback that stands for an await: the future (a task, a gather, a shield) waiting
 * through it. CPython keeps {@code _asyncio_awaited_by} sets, updated at every await; Weft reads
 * the same relation from the awaited future's callbacks when a call graph or a dump asks, so an
 * await costs nothing more (the task's wake-up is its callback already).
 */
interface AwaitLink {
  /** The future that awaits through this callback, or null if none does (any more). */
  Future<?> awaiter();
}

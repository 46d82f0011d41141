package dev.weft.asyncio;

/**
 * CPython's {@code _LoopBoundMixin}: a primitive binds to the loop of its first blocking use
 * (SEMANTICS AS17), so it can be created outside any loop.
 */
final class LoopBinding {
  private final Object owner;
  private EventLoop loop;

  LoopBinding(Object owner) {
    this.owner = owner;
  }

  /**
   * The running loop, bound on first use.
   *
   * @throws IllegalStateException outside a running loop, or on another loop than the bound one
   */
  EventLoop loop() {
    EventLoop running = Asyncio.getRunningLoop();
    if (loop == null) loop = running;
    if (running != loop) throw new IllegalStateException(owner + " is bound to a different event loop");
    return running;
  }
}

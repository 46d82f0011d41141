package dev.weft.asyncio.internal.loop;

/**
 * Something a loop made that must not outlive it (a datagram endpoint, a Unix server's socket
 * file, a subprocess's pipes): {@link SelectorRegistry#close()} closes what is still tracked.
 */
public interface LoopResource {
  /** Releases the resource at once, with no callbacks: the closing loop can run none. */
  void closeWithLoop();
}

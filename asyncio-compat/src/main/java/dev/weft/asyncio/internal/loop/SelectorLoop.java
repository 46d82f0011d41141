package dev.weft.asyncio.internal.loop;

import dev.weft.asyncio.EventLoop;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;

/**
 * An event loop as its transports and socket operations see it: CPython's {@code _add_reader} /
 * {@code _add_writer} of a selector loop, and the buffer every socket read lands in. Handed out by
 * the loop to the code it wires up, never reachable from the public API. Loop thread only.
 */
public interface SelectorLoop {
  /** The loop itself, for futures, executors and the exception handler. */
  EventLoop loop();

  /**
   * Calls {@code callback} whenever {@code channel} can be read (or accepted from); replaces a previous one.
   *
   * @throws IllegalStateException if the loop is closed ("Event loop is closed")
   */
  void addReader(SelectableChannel channel, Runnable callback);

  /**
   * Calls {@code callback} whenever {@code channel} is ready for {@code ops} (OP_WRITE, or OP_CONNECT).
   *
   * @throws IllegalStateException if the loop is closed ("Event loop is closed")
   */
  void addWriter(SelectableChannel channel, int ops, Runnable callback);

  void removeReader(SelectableChannel channel);

  void removeWriter(SelectableChannel channel);

  /** Closes {@code resource} (quietly, with no callbacks) when the loop closes, unless {@link #untrack untracked} before. */
  void track(LoopResource resource);

  void untrack(LoopResource resource);

  /** The loop's read buffer, cleared; its contents are valid until the next call. */
  ByteBuffer readBuffer();
}

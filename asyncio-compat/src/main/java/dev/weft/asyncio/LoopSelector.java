package dev.weft.asyncio;

import dev.weft.asyncio.internal.loop.SelectorLoop;
import dev.weft.asyncio.internal.loop.SelectorRegistry;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;

/** A loop's {@link SelectorLoop}: the handles of its readers and writers, in its selector registry. */
final class LoopSelector implements SelectorLoop {
  private final EventLoop loop;
  private final SelectorRegistry io;

  LoopSelector(EventLoop loop, SelectorRegistry io) {
    this.loop = loop;
    this.io = io;
  }

  @Override
  public EventLoop loop() {
    return loop;
  }

  @Override
  public void addReader(SelectableChannel channel, Runnable callback) {
    loop.checkClosed();
    io.addReader(channel, new Handle(callback, loop, null));
  }

  @Override
  public void addWriter(SelectableChannel channel, int ops, Runnable callback) {
    loop.checkClosed();
    io.addWriter(channel, ops, new Handle(callback, loop, null));
  }

  @Override
  public void removeReader(SelectableChannel channel) {
    io.removeReader(channel);
  }

  @Override
  public void removeWriter(SelectableChannel channel) {
    io.removeWriter(channel);
  }

  @Override
  public void track(dev.weft.asyncio.internal.loop.LoopResource resource) {
    io.track(resource);
  }

  @Override
  public void untrack(dev.weft.asyncio.internal.loop.LoopResource resource) {
    io.untrack(resource);
  }

  @Override
  public ByteBuffer readBuffer() {
    return io.readBuffer();
  }
}

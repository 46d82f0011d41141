package dev.weft.asyncio.internal.loop;

import dev.weft.asyncio.Handle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Set;

/**
 * CPython's {@code selector_events}: the loop's selector and, per channel, the handles to run when
 * it can be read or written ({@code add_reader} / {@code add_writer}). Loop thread only, apart
 * from {@link #wakeup()}.
 */
public final class SelectorRegistry {
  private final Selector selector;
  /* Every socket read on this loop lands here first and is copied out at once; being direct, it
     spares the JDK's extra copy through a temporary direct buffer that a heap buffer costs. */
  private ByteBuffer readBuffer;
  /* Endpoints and servers that go with the loop: closed when it closes (see track). */
  private final Set<LoopResource> tracked = new java.util.LinkedHashSet<>();

  /** The reader and writer handles of one channel: the attachment of its key. */
  private static final class IoHandlers {
    Handle reader;
    Handle writer;
    int writerOps = SelectionKey.OP_WRITE;
  }

  public SelectorRegistry() {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code reader} whenever {@code channel} can be read (or accepted from); replaces a previous one. */
  public void addReader(SelectableChannel channel, Handle reader) {
    IoHandlers h = handlers(channel);
    if (h.reader != null && h.reader != reader) h.reader.cancel(); // replaced: a queued run is dropped, as in CPython
    h.reader = reader;
    updateInterest(channel, h);
  }

  /** Runs {@code writer} whenever {@code channel} can be written (or, with OP_CONNECT, has connected). */
  public void addWriter(SelectableChannel channel, int ops, Handle writer) {
    IoHandlers h = handlers(channel);
    if (h.writer != null && h.writer != writer) h.writer.cancel();
    h.writer = writer;
    h.writerOps = ops;
    updateInterest(channel, h);
  }

  /** Stops watching {@code channel} for reads; true if a reader was registered (its handle is cancelled). */
  public boolean removeReader(SelectableChannel channel) {
    return remove(channel, true);
  }

  /** Stops watching {@code channel} for writes; true if a writer was registered (its handle is cancelled). */
  public boolean removeWriter(SelectableChannel channel) {
    return remove(channel, false);
  }

  private boolean remove(SelectableChannel channel, boolean reader) {
    SelectionKey key = channel.keyFor(selector);
    if (key == null || !key.isValid()) return false;
    IoHandlers h = (IoHandlers) key.attachment();
    Handle removed = reader ? h.reader : h.writer;
    if (reader) h.reader = null;
    else h.writer = null;
    updateInterest(channel, h);
    if (removed == null) return false;
    removed.cancel();
    return true;
  }

  private IoHandlers handlers(SelectableChannel channel) {
    SelectionKey key = channel.keyFor(selector);
    if (key != null && key.isValid()) return (IoHandlers) key.attachment();
    try {
      IoHandlers h = new IoHandlers();
      channel.configureBlocking(false);
      channel.register(selector, 0, h);
      return h;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void updateInterest(SelectableChannel channel, IoHandlers h) {
    SelectionKey key = channel.keyFor(selector);
    if (key == null || !key.isValid()) return;
    int ops = 0;
    if (h.reader != null) ops |= channel.validOps() & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
    if (h.writer != null) ops |= h.writerOps;
    key.interestOps(ops);
  }

  /** The loop's read buffer, cleared; its contents are valid until the next call. Loop thread only. */
  public ByteBuffer readBuffer() {
    if (readBuffer == null) readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    readBuffer.clear();
    return readBuffer;
  }

  /* The waits of Scheduler.select; each then hands the ready channels' handles to processEvents. */

  boolean hasChannels() {
    return !selector.keys().isEmpty();
  }

  void selectNow() throws IOException {
    selector.selectNow();
  }

  void select() throws IOException {
    selector.select();
  }

  void select(long millis) throws IOException {
    selector.select(millis);
  }

  /** Wakes a select in progress, or makes the next one return at once. Any thread. */
  void wakeup() {
    selector.wakeup();
  }

  /* CPython's _process_events: a ready channel schedules its handles behind what is ready. */
  void processEvents(ArrayDeque<Object> ready) {
    Set<SelectionKey> selected = selector.selectedKeys();
    if (selected.isEmpty()) return; // an iterator per iteration otherwise
    for (SelectionKey key : selected) {
      if (!key.isValid()) continue;
      IoHandlers h = (IoHandlers) key.attachment();
      int ops = key.readyOps();
      if ((ops & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && h.reader != null && !h.reader.cancelled()) {
        ready.add(h.reader);
      }
      if ((ops & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && h.writer != null && !h.writer.cancelled()) {
        ready.add(h.writer);
      }
    }
    selected.clear();
  }

  public void close() throws IOException {
    for (LoopResource c : new java.util.ArrayList<>(tracked)) {
      try {
        c.closeWithLoop();
      } catch (RuntimeException e) {
        // the loop is going away: one resource that fails to close must not keep the others open
      }
    }
    tracked.clear();
    selector.close();
  }

  /**
   * Closes {@code resource} when the loop closes, unless {@link #untrack untracked} first: the
   * datagram endpoints, Unix servers and subprocess pipes a loop made do not outlive it.
   */
  public void track(LoopResource resource) {
    tracked.add(resource);
  }

  public void untrack(LoopResource resource) {
    tracked.remove(resource);
  }
}

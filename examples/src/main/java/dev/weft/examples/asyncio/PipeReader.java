package dev.weft.examples.asyncio;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.EventLoop;
import dev.weft.asyncio.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;

/**
 * The loop's low-level watchers without TCP: {@code loop.add_reader} on one end of a pipe, and a
 * thread writing the other end. Prints "read: hello through a pipe".
 *
 * <pre>
 * r, w = os.pipe(); os.set_blocking(r, False)
 * loop.add_reader(r, lambda: (print("read:", os.read(r, 64).decode()), loop.remove_reader(r), done.set_result(None)))
 * threading.Thread(target=os.write, args=(w, b"hello through a pipe")).start(); await done
 * </pre>
 */
public final class PipeReader {
  private PipeReader() {}

  public static void main(String[] args) throws IOException {
    Pipe pipe = Pipe.open();
    pipe.source().configureBlocking(false);
    try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
      Asyncio.run(() -> {
        EventLoop loop = Asyncio.getRunningLoop();
        Future<Void> done = loop.createFuture();
        loop.addReader(source, () -> {
          ByteBuffer buf = ByteBuffer.allocate(64);
          try {
            source.read(buf);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          System.out.println("read: " + new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
          loop.removeReader(source);
          done.setResult(null);
        });
        Asyncio.await(Asyncio.toThread(() -> sink.write(ByteBuffer.wrap("hello through a pipe".getBytes(StandardCharsets.UTF_8)))));
        Asyncio.await(done);
        return null;
      });
    }
  }
}

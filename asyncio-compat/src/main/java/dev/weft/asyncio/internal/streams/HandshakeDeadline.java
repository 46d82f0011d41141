package dev.weft.asyncio.internal.streams;

import dev.weft.asyncio.EventLoop;
import dev.weft.asyncio.TimerHandle;
import java.util.function.Consumer;

/**
 * The bound on a TLS handshake, CPython's {@code ssl_handshake_timeout}: armed while the engine
 * waits for the peer's handshake messages (the first handshake, or a renegotiation the peer
 * started), so a peer that stalls one ends the connection instead of leaving it waiting for ever.
 * Loop thread only.
 */
final class HandshakeDeadline {
  private final EventLoop loop;
  private final double seconds;
  private final Consumer<String> expired;
  private TimerHandle timer;

  /** {@code expired} gets CPython's message; {@code seconds <= 0} or infinite means no bound. */
  HandshakeDeadline(EventLoop loop, double seconds, Consumer<String> expired) {
    this.loop = loop;
    this.seconds = seconds;
    this.expired = expired;
  }

  /** Arms the bound for {@code what} ("SSL handshake", "TLS renegotiation") unless it is armed already. */
  void start(String what) {
    if (timer != null || seconds <= 0 || Double.isInfinite(seconds) || loop.isClosed()) return;
    timer = loop.callLater(seconds, () -> {
      timer = null;
      expired.accept(what + " is taking longer than " + seconds + " seconds: aborting the connection");
    });
  }

  void cancel() {
    if (timer == null) return;
    timer.cancel();
    timer = null;
  }
}

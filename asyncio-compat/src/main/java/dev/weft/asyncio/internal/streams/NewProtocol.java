package dev.weft.asyncio.internal.streams;

import java.io.IOException;
import java.nio.channels.Channel;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A user's protocol factory called for a channel just opened, by the TCP and the datagram
 * endpoints alike: if the factory fails, the channel must not leak.
 */
public final class NewProtocol {
  private NewProtocol() {}

  /** The factory's protocol; if it throws or returns null, {@code ch} is closed and the failure rethrown. */
  public static <P> P from(Supplier<? extends P> factory, Channel ch) {
    try {
      return Objects.requireNonNull(factory.get(), "the protocol factory returned null");
    } catch (RuntimeException e) {
      closeQuietly(ch, e);
      throw e;
    }
  }

  /** Closes {@code ch} (if any) after {@code cause}, keeping a failure to close as suppressed. */
  public static void closeQuietly(Channel ch, Exception cause) {
    if (ch == null) return;
    try {
      ch.close();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }
}

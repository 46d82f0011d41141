package dev.weft.examples.redis;

/** An error reply of the server ({@code -ERR ...}, {@code -WRONGTYPE ...}), thrown to the command's caller. */
public final class RedisError extends RuntimeException {
  RedisError(String message) {
    super(message);
  }
}

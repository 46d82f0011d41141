package dev.weft.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Asserts on what an error says: Weft's refusals name the culprit and the fix, and the tests hold
 * them to it without pinning every word.
 *
 * <pre>{@code
 * Messages.assertContains(e, "not instrumented");
 * }</pre>
 */
public final class Messages {
  private Messages() {}

  /** Fails unless {@code e} is not null and its message contains {@code part}. */
  public static void assertContains(Throwable e, String part) {
    assertTrue(e != null && e.getMessage() != null && e.getMessage().contains(part),
        "message does not contain \"" + part + "\": " + (e == null ? "no exception" : e.toString()));
  }
}

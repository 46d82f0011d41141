package dev.weft.continuations.instrument.peer;

/** Why a test of the peer suite may end differently under injection; filled from the full run. */
final class KnownDifferences {
  private KnownDifferences() {}

  /** The cause of a difference, or null if it is not understood (a bug until shown otherwise). */
  static String causeOf(String uniqueId, String difference) {
    return null;
  }
}

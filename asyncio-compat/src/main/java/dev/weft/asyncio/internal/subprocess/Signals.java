package dev.weft.asyncio.internal.subprocess;

/**
 * The signals Java can send a child, and what its exit value means after one.
 *
 * <p>{@code Process} offers two: {@code destroy()} (SIGTERM on Unix) and
 * {@code destroyForcibly()} (SIGKILL). Java reports a child killed by signal N as exit value
 * 128+N, as a shell does, and cannot tell it from a child that called {@code exit(128+N)}; CPython
 * reports {@code -N}. So {@link #returncode} gives {@code -N} only when this process itself sent
 * signal N and the value is 128+N; otherwise the value Java gives.
 */
public final class Signals {
  public static final int SIGKILL = 9;
  public static final int SIGTERM = 15;

  private Signals() {}

  /**
   * Sends {@code signal} to {@code process}.
   *
   * @throws IllegalArgumentException for a signal other than SIGTERM and SIGKILL, naming it
   */
  public static void send(Process process, int signal) {
    switch (signal) {
      case SIGTERM -> process.destroy();
      case SIGKILL -> process.destroyForcibly();
      default -> throw new IllegalArgumentException("Cannot send signal " + signal + name(signal)
          + ": Java can send only SIGTERM (15) and SIGKILL (9)");
    }
  }

  private static String name(int signal) {
    return switch (signal) {
      case 1 -> " (SIGHUP)";
      case 2 -> " (SIGINT)";
      case 3 -> " (SIGQUIT)";
      case 10 -> " (SIGUSR1)";
      case 12 -> " (SIGUSR2)";
      case 18 -> " (SIGCONT)";
      case 19 -> " (SIGSTOP)";
      default -> "";
    };
  }

  /** The bit of {@code signal} in a mask of signals sent. */
  public static int bit(int signal) {
    return 1 << signal;
  }

  /** CPython's returncode for exit value {@code exitValue}, given the {@link #bit bits} of the signals sent. */
  public static int returncode(int exitValue, int sentMask) {
    int signal = exitValue - 128;
    if (signal > 0 && signal < 32 && (sentMask & bit(signal)) != 0) return -signal;
    return exitValue;
  }
}

package dev.weft.asyncio;

import java.util.Objects;

/**
 * Where a subprocess's standard streams go, and the stdout/stderr readers' buffer limit: the
 * {@code stdin=}, {@code stdout=}, {@code stderr=} and {@code limit=} arguments of Python's
 * {@code asyncio.create_subprocess_exec}. {@link #DEFAULT} redirects nothing (the child inherits
 * this process's streams), as Python does when no argument is given.
 *
 * <pre>{@code
 * // Python: create_subprocess_exec("ls", stdout=PIPE, stderr=STDOUT)
 * SubprocessOptions opts = SubprocessOptions.DEFAULT.stdout(Subprocess.Redirect.PIPE)
 *     .stderr(Subprocess.Redirect.STDOUT);
 * Subprocess p = Asyncio.await(Asyncio.createSubprocessExec(opts, "ls"));
 * }</pre>
 *
 * @param stdin INHERIT, PIPE or DEVNULL
 * @param stdout INHERIT, PIPE or DEVNULL
 * @param stderr INHERIT, PIPE, DEVNULL or STDOUT (into the same pipe or place as stdout)
 * @param limit the buffer limit of the stdout and stderr readers, as {@code StreamReader}'s
 */
public record SubprocessOptions(Subprocess.Redirect stdin, Subprocess.Redirect stdout,
    Subprocess.Redirect stderr, int limit) {
  /** Nothing redirected, the 64 KiB default limit. */
  public static final SubprocessOptions DEFAULT = new SubprocessOptions(
      Subprocess.Redirect.INHERIT, Subprocess.Redirect.INHERIT, Subprocess.Redirect.INHERIT, StreamReader.DEFAULT_LIMIT);

  /** All three streams piped: what {@code communicate} usually wants. */
  public static final SubprocessOptions PIPES = new SubprocessOptions(
      Subprocess.Redirect.PIPE, Subprocess.Redirect.PIPE, Subprocess.Redirect.PIPE, StreamReader.DEFAULT_LIMIT);

  /**
   * @throws IllegalArgumentException for STDOUT other than as stderr, or {@code limit <= 0}
   */
  public SubprocessOptions {
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    if (stdin == Subprocess.Redirect.STDOUT) throw new IllegalArgumentException("STDOUT can be used only for stderr, not stdin");
    if (stdout == Subprocess.Redirect.STDOUT) throw new IllegalArgumentException("STDOUT can be used only for stderr, not stdout");
    if (limit <= 0) throw new IllegalArgumentException("Limit cannot be <= 0");
  }

  public SubprocessOptions stdin(Subprocess.Redirect r) {
    return new SubprocessOptions(r, stdout, stderr, limit);
  }

  public SubprocessOptions stdout(Subprocess.Redirect r) {
    return new SubprocessOptions(stdin, r, stderr, limit);
  }

  public SubprocessOptions stderr(Subprocess.Redirect r) {
    return new SubprocessOptions(stdin, stdout, r, limit);
  }

  public SubprocessOptions limit(int n) {
    return new SubprocessOptions(stdin, stdout, stderr, n);
  }
}

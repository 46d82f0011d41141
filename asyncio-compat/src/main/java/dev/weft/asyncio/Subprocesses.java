package dev.weft.asyncio;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * CPython's {@code create_subprocess_exec} / {@code create_subprocess_shell}: starts the child
 * with {@code ProcessBuilder} and hands it to a {@link Subprocess}. Behind {@link Asyncio}'s
 * subprocess functions.
 */
final class Subprocesses {
  private static final File DEV_NULL = new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");

  private Subprocesses() {}

  static Coroutine<Subprocess> exec(SubprocessOptions opts, String... args) {
    Objects.requireNonNull(opts, "opts");
    Objects.requireNonNull(args, "args");
    if (args.length == 0) throw new IllegalArgumentException("createSubprocessExec needs a program to run");
    for (String a : args) Objects.requireNonNull(a, "args contains null");
    List<String> command = List.of(args.clone());
    return Asyncio.async(() -> start(Asyncio.getRunningLoop(), opts, command, String.join(" ", command)));
  }

  /* As Python's shell=True on Unix: /bin/sh -c cmd. */
  static Coroutine<Subprocess> shell(SubprocessOptions opts, String cmd) {
    Objects.requireNonNull(opts, "opts");
    Objects.requireNonNull(cmd, "cmd");
    return Asyncio.async(() -> start(Asyncio.getRunningLoop(), opts, List.of("/bin/sh", "-c", cmd), cmd));
  }

  /**
   * Starts the child on the loop's thread, as CPython does: fork and exec are quick, and a failure
   * is thrown to the caller at once.
   */
  private static Subprocess start(EventLoop loop, SubprocessOptions opts, List<String> command, String shown) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectInput(input(opts.stdin()));
    pb.redirectOutput(output(opts.stdout()));
    if (opts.stderr() == Subprocess.Redirect.STDOUT) pb.redirectErrorStream(true);
    else pb.redirectError(output(opts.stderr()));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      // Java's message names the program ("Cannot run program "x": error=2, ..."): Python's FileNotFoundError
      throw new UncheckedIOException("Cannot start subprocess " + shown + ": " + e.getMessage(), e);
    }
    return new Subprocess(loop, p, shown, opts);
  }

  private static ProcessBuilder.Redirect input(Subprocess.Redirect r) {
    return switch (r) {
      case INHERIT -> ProcessBuilder.Redirect.INHERIT;
      case PIPE -> ProcessBuilder.Redirect.PIPE;
      case DEVNULL -> ProcessBuilder.Redirect.from(DEV_NULL);
      case STDOUT -> throw new IllegalArgumentException("STDOUT can be used only for stderr");
    };
  }

  private static ProcessBuilder.Redirect output(Subprocess.Redirect r) {
    return switch (r) {
      case INHERIT -> ProcessBuilder.Redirect.INHERIT;
      case PIPE -> ProcessBuilder.Redirect.PIPE;
      case DEVNULL -> ProcessBuilder.Redirect.DISCARD;
      case STDOUT -> throw new IllegalArgumentException("STDOUT can be used only for stderr");
    };
  }
}

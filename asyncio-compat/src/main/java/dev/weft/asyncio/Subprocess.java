package dev.weft.asyncio;

import dev.weft.asyncio.internal.loop.LoopResource;
import dev.weft.asyncio.internal.subprocess.ReadPipe;
import dev.weft.asyncio.internal.subprocess.ToLoop;
import dev.weft.asyncio.internal.subprocess.Signals;
import dev.weft.asyncio.internal.subprocess.WritePipe;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code asyncio.subprocess.Process} (renamed, {@code Process} being Java's): a child
 * started by {@link Asyncio#createSubprocessExec} or {@link Asyncio#createSubprocessShell}, with
 * its piped streams as a {@link StreamWriter} and {@link StreamReader}s.
 *
 * <pre>{@code
 * Subprocess p = Asyncio.await(Asyncio.createSubprocessExec(SubprocessOptions.PIPES, "cat"));
 * Subprocess.Output out = Asyncio.await(p.communicate("hi".getBytes(UTF_8)));
 * // out.stdout() is "hi", p.returncode() is 0
 * }</pre>
 *
 * <p>The pipes never block the loop: Java's process streams block, so each piped stream has a
 * daemon pump thread ({@code weft-subprocess-}<i>pid</i>{@code -stdout}, ...) with bounded buffering
 * and back-pressure both ways. The loop that started the child owns it: closing that loop kills a
 * child still running and stops the pumps.
 *
 * <p><b>Deviations from CPython.</b> Only SIGTERM and SIGKILL can be sent (Java's
 * {@code destroy}/{@code destroyForcibly}). Java reports a child killed by signal N as exit value
 * 128+N; this class reports {@code -N}, as CPython, when it sent signal N itself, and 128+N for a
 * child killed from outside (Java cannot tell that from {@code exit(128+N)}).
 *
 * <p>Not thread-safe: use it on its loop's thread.
 */
public final class Subprocess {
  /** The name prefix of the pump threads. */
  static final String PUMP_PREFIX = "weft-subprocess-";

  /** Python's {@code subprocess.PIPE}, {@code DEVNULL} and {@code STDOUT}, and no redirection. */
  public enum Redirect {
    /** The child shares this process's stream (Python's default, {@code None}). */
    INHERIT,
    /** A pipe: {@link #stdin()}, {@link #stdout()} or {@link #stderr()} gives its end. */
    PIPE,
    /** {@code /dev/null}. */
    DEVNULL,
    /** For stderr only: into the same pipe or place as stdout. */
    STDOUT
  }

  /**
   * What {@link #communicate} read: each stream to its end, null for a stream not piped
   * (Python's {@code (stdout_data, stderr_data)}).
   */
  public record Output(byte[] stdout, byte[] stderr) {}

  private final EventLoop loop;
  private final Process process;
  private final String command;
  private final StreamWriter stdin;
  private final WritePipe stdinPipe;
  private final StreamReader stdout;
  private final StreamReader stderr;
  private final List<ReadPipe> readPipes = new ArrayList<>();
  private final List<Future<Integer>> exitWaiters = new ArrayList<>();
  private final LoopResource resource = this::closeWithLoop;
  private int openReadPipes;
  private int sentSignals;
  private Integer returncode;

  /** Wires up the pipes of a started {@code process}; its exit is delivered to the loop thread-safely. */
  Subprocess(EventLoop loop, Process process, String command, SubprocessOptions opts) {
    this.loop = loop;
    this.process = process;
    this.command = command;
    String prefix = PUMP_PREFIX + process.pid() + "-";
    if (opts.stdin() == Redirect.PIPE) {
      stdinPipe = new WritePipe(loop, process.getOutputStream(), command, prefix + "stdin");
      stdin = new StreamWriter(stdinPipe);
    } else {
      stdinPipe = null;
      stdin = null;
    }
    stdout = opts.stdout() == Redirect.PIPE ? reader(process.getInputStream(), prefix + "stdout", opts.limit()) : null;
    stderr = opts.stderr() == Redirect.PIPE ? reader(process.getErrorStream(), prefix + "stderr", opts.limit()) : null;
    loop.selectorLoop().track(resource);
    // if the loop closed first, it already killed the child and stopped the pumps
    process.onExit().thenRun(() -> ToLoop.post(loop, this::exited));
  }

  private StreamReader reader(java.io.InputStream in, String name, int limit) {
    StreamReader r = new StreamReader(loop, limit);
    openReadPipes++;
    ReadPipe pipe = new ReadPipe(loop, in, r.protocol(), name, this::readPipeEnded);
    r.setTransport(pipe);
    readPipes.add(pipe);
    return r;
  }

  /** The child's stdin, or null when not {@link Redirect#PIPE piped}. */
  public StreamWriter stdin() {
    return stdin;
  }

  /** The child's stdout, or null when not {@link Redirect#PIPE piped}. */
  public StreamReader stdout() {
    return stdout;
  }

  /** The child's stderr, or null when not piped (or merged into stdout). */
  public StreamReader stderr() {
    return stderr;
  }

  public long pid() {
    return process.pid();
  }

  /** The exit code once the child exited, else null; {@code -N} when this object killed it with signal N. */
  public Integer returncode() {
    return returncode;
  }

  /**
   * A coroutine that waits for the child to exit and its stdout and stderr pipes to reach their
   * end (as CPython 3.12+), and returns the {@link #returncode()}. As in Python, a child that fills
   * a pipe nobody reads never exits: read the pipes, or use {@link #communicate}. Python's
   * {@code wait()}, named as {@link Event#waitAsync()} is, {@code Object.wait()} being final.
   */
  public Coroutine<Integer> waitAsync() {
    return Asyncio.async(() -> {
      if (finished()) return returncode;
      Future<Integer> w = loop.createFuture();
      exitWaiters.add(w);
      return Asyncio.await(w);
    });
  }

  /**
   * Python's {@code communicate(input)}: writes {@code input} (if not null) to stdin and closes it,
   * reads stdout and stderr to their end at the same time, then waits for the child to exit. A
   * child that exits without reading its input is not an error, as in Python.
   */
  public Coroutine<Output> communicate(byte[] input) {
    return Asyncio.async(() -> {
      Task<byte[]> out = stdout == null ? null : Asyncio.createTask(stdout.read(-1));
      Task<byte[]> err = stderr == null ? null : Asyncio.createTask(stderr.read(-1));
      if (stdin != null) feedStdin(input);
      byte[] o = out == null ? null : Asyncio.await(out);
      byte[] e = err == null ? null : Asyncio.await(err);
      Asyncio.await(waitAsync());
      return new Output(o, e);
    });
  }

  private void feedStdin(byte[] input) throws dev.weft.continuations.Suspend {
    if (input != null) {
      stdin.write(input);
      try {
        Asyncio.await(stdin.drain());
      } catch (UncheckedIOException brokenPipe) {
        // as CPython's _feed_stdin: the child may exit without reading its input
      }
    }
    stdin.close();
  }

  /**
   * Sends {@code signal}: SIGTERM (15) or SIGKILL (9). A child that already exited is left alone,
   * as Python's {@code Popen.send_signal} does.
   *
   * @throws IllegalArgumentException for any other signal, naming it
   */
  public void sendSignal(int signal) {
    if (signal != Signals.SIGTERM && signal != Signals.SIGKILL) Signals.send(process, signal); // throws, naming it
    if (returncode != null || !process.isAlive()) return;
    sentSignals |= Signals.bit(signal);
    Signals.send(process, signal);
  }

  /** Sends SIGTERM. */
  public void terminate() {
    sendSignal(Signals.SIGTERM);
  }

  /** Sends SIGKILL. */
  public void kill() {
    sendSignal(Signals.SIGKILL);
  }

  private void exited() {
    returncode = Signals.returncode(process.exitValue(), sentSignals);
    if (stdinPipe != null) stdinPipe.childExited();
    tryFinish();
  }

  private void readPipeEnded() {
    openReadPipes--;
    tryFinish();
  }

  private boolean finished() {
    return returncode != null && openReadPipes == 0;
  }

  private void tryFinish() {
    if (!finished()) return;
    loop.selectorLoop().untrack(resource);
    for (Future<Integer> w : exitWaiters) {
      if (!w.done()) w.setResult(returncode);
    }
    exitWaiters.clear();
  }

  /* CPython's transport close(): a child still running when its loop goes is killed, so no pipe or pump outlives the loop. */
  private void closeWithLoop() {
    if (process.isAlive()) process.destroyForcibly();
    for (ReadPipe p : readPipes) p.stop();
    if (stdinPipe != null) stdinPipe.stop();
  }

  @Override
  public String toString() {
    return "Subprocess[" + command + ", pid=" + pid() + (returncode == null ? ", running" : ", returncode=" + returncode) + "]";
  }
}

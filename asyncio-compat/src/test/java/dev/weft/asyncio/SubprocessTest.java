package dev.weft.asyncio;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.asyncio.Subprocess.Redirect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * #18: subprocesses with real processes (cat, sh, sleep, yes). Nothing here sleeps on the loop's
 * virtual clock: every step awaits a pipe or the child's exit, which arrive from the pump threads.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SubprocessTest extends LoopFixture {

  @Test
  void communicateWritesInputClosesStdinAndReadsBothStreams() {
    Subprocess.Output out = run(Asyncio.async(() -> {
      Subprocess p = Asyncio.await(Asyncio.createSubprocessExec(SubprocessOptions.PIPES, "cat"));
      assertNull(p.returncode());
      Subprocess.Output o = Asyncio.await(p.communicate("hello, cat\n".getBytes(US_ASCII)));
      assertEquals(0, p.returncode());
      return o;
    }));
    assertEquals("hello, cat\n", new String(out.stdout(), US_ASCII));
    assertArrayEquals(new byte[0], out.stderr());
  }

  /** Each answer needs the loop free to send the next line: a pump blocking the loop would hang here. */
  @Test
  void aConversationWithCatLineByLine() {
    List<String> lines = run(Asyncio.async(() -> {
      Subprocess p = Asyncio.await(Asyncio.createSubprocessExec(SubprocessOptions.PIPES, "cat"));
      List<String> got = new java.util.ArrayList<>();
      for (String q : List.of("one\n", "two\n", "three\n")) {
        p.stdin().write(q.getBytes(US_ASCII));
        Asyncio.await(p.stdin().drain());
        got.add(new String(Asyncio.await(p.stdout().readline()), US_ASCII));
      }
      assertTrue(p.stdin().getExtraInfo("pipe") instanceof java.io.OutputStream);
      p.stdin().close();
      Asyncio.await(p.stdin().waitClosed());
      assertArrayEquals(new byte[0], Asyncio.await(p.stdout().read(-1)));
      got.add("exit " + Asyncio.await(p.waitAsync()));
      return got;
    }));
    assertEquals(List.of("one\n", "two\n", "three\n", "exit 0"), lines);
  }

  @Test
  void shellRunsThroughShAndReportsItsExitCode() {
    Object[] r = run(Asyncio.async(() -> {
      Subprocess p = Asyncio.await(Asyncio.createSubprocessShell(SubprocessOptions.PIPES, "echo out; echo err >&2; exit 3"));
      Subprocess.Output o = Asyncio.await(p.communicate(null));
      return new Object[] {new String(o.stdout(), US_ASCII), new String(o.stderr(), US_ASCII), p.returncode()};
    }));
    assertEquals("out\n", r[0]);
    assertEquals("err\n", r[1]);
    assertEquals(3, r[2]);
  }

  @Test
  void execPassesArgumentsWithoutAShell() {
    String out = run(Asyncio.async(() -> {
      SubprocessOptions opts = SubprocessOptions.DEFAULT.stdout(Redirect.PIPE);
      Subprocess p = Asyncio.await(Asyncio.createSubprocessExec(opts, "echo", "$HOME", "a  b"));
      byte[] line = Asyncio.await(p.stdout().readline());
      assertEquals(0, Asyncio.await(p.waitAsync()));
      return new String(line, US_ASCII);
    }));
    assertEquals("$HOME a  b\n", out);
  }

  @Test
  void stderrToStdoutMergesBothIntoOnePipe() {
    Object[] r = run(Asyncio.async(() -> {
      SubprocessOptions opts = SubprocessOptions.DEFAULT.stdout(Redirect.PIPE).stderr(Redirect.STDOUT);
      Subprocess p = Asyncio.await(Asyncio.createSubprocessShell(opts, "echo a; echo b >&2; echo c"));
      Subprocess.Output o = Asyncio.await(p.communicate(null));
      return new Object[] {p.stderr(), p.stdin(), new String(o.stdout(), US_ASCII), o.stderr()};
    }));
    assertNull(r[0]);
    assertNull(r[1]);
    assertEquals("a\nb\nc\n", r[2]);
    assertNull(r[3]);
  }

  @Test
  void devnullAndInheritGiveNoStreams() {
    Object[] r = run(Asyncio.async(() -> {
      Subprocess quiet = Asyncio.await(Asyncio.createSubprocessExec(
          SubprocessOptions.DEFAULT.stdin(Redirect.DEVNULL).stdout(Redirect.PIPE), "cat"));
      byte[] all = Asyncio.await(quiet.stdout().read(-1)); // cat of /dev/null ends at once
      Subprocess inherit = Asyncio.await(Asyncio.createSubprocessExec("true"));
      return new Object[] {all.length, Asyncio.await(quiet.waitAsync()), inherit.stdin(), inherit.stdout(),
          inherit.stderr(), Asyncio.await(inherit.waitAsync())};
    }));
    assertEquals(List.of(0, 0), List.of(r[0], r[1]));
    assertNull(r[2]);
    assertNull(r[3]);
    assertNull(r[4]);
    assertEquals(0, r[5]);
  }

  @Test
  void aProgramThatDoesNotExistFailsNamingIt() {
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> run(Asyncio.async(() ->
        Asyncio.await(Asyncio.createSubprocessExec(SubprocessOptions.PIPES, "weft-no-such-program", "x")))));
    assertTrue(e.getMessage().contains("weft-no-such-program"), e.getMessage());
    assertInstanceOf(IOException.class, e.getCause());
  }

  @Test
  void killAndTerminateGiveMinusTheSignalAsCPython() {
    List<Integer> codes = run(Asyncio.async(() -> {
      Subprocess killed = Asyncio.await(Asyncio.createSubprocessExec("sleep", "30"));
      Subprocess terminated = Asyncio.await(Asyncio.createSubprocessExec("sleep", "30"));
      killed.kill();
      terminated.terminate();
      int k = Asyncio.await(killed.waitAsync());
      int t = Asyncio.await(terminated.waitAsync());
      killed.kill(); // after exit: left alone, as Popen.send_signal
      return List.of(k, t, killed.returncode());
    }));
    assertEquals(List.of(-9, -15, -9), codes);
  }

  /** The documented deviation: a signal from elsewhere shows as Java's 128 + N, not CPython's -N. */
  @Test
  void aChildKilledFromOutsideReportsJavasExitValue() {
    int code = run(Asyncio.async(() -> {
      Subprocess p = Asyncio.await(Asyncio.createSubprocessShell("kill -9 $$"));
      return Asyncio.await(p.waitAsync());
    }));
    assertEquals(128 + 9, code);
  }

  @Test
  void stdoutCanGoOnlyWhereStderrCanGoInto() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SubprocessOptions.DEFAULT.stdout(Redirect.STDOUT));
    assertTrue(e.getMessage().contains("only for stderr"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SubprocessOptions.DEFAULT.stdin(Redirect.STDOUT));
    assertThrows(IllegalArgumentException.class, () -> SubprocessOptions.DEFAULT.limit(0));
    assertThrows(IllegalArgumentException.class, () -> Asyncio.createSubprocessExec());
  }

  @Test
  void signalsJavaCannotSendAreRefusedByName() {
    IllegalArgumentException e = run(Asyncio.async(() -> {
      Subprocess p = Asyncio.await(Asyncio.createSubprocessExec("sleep", "30"));
      try {
        return assertThrows(IllegalArgumentException.class, () -> p.sendSignal(2));
      } finally {
        p.kill();
        Asyncio.await(p.waitAsync());
      }
    }));
    assertTrue(e.getMessage().contains("SIGINT"), e.getMessage());
  }

  /**
   * A reader taking 4 KiB per loop turn while the pump hands over up to 64 KiB: without the pause
   * past 2 * limit its buffer would grow to megabytes; with it, never more than that plus one chunk.
   */
  @Test
  void aChildThatWritesALotIsHeldBackByTheReadersLimit() {
    int limit = 16 * 1024;
    int[] r = run(Asyncio.async(() -> {
      SubprocessOptions opts = SubprocessOptions.DEFAULT.stdout(Redirect.PIPE).limit(limit);
      Subprocess p = Asyncio.await(Asyncio.createSubprocessShell(opts, "yes | head -c 10000000"));
      int total = 0;
      int maxBuffered = 0;
      boolean allY = true;
      for (;;) {
        maxBuffered = Math.max(maxBuffered, p.stdout().buffered());
        byte[] b = Asyncio.await(p.stdout().read(4096));
        if (b.length == 0) break;
        for (int i = 0; i < b.length; i++) allY &= b[i] == ((total + i) % 2 == 0 ? 'y' : '\n');
        total += b.length;
        Asyncio.await(Asyncio.sleep(0)); // a slow reader: the pump delivers more than is read between turns
      }
      return new int[] {total, maxBuffered, allY ? 1 : 0, Asyncio.await(p.waitAsync())};
    }));
    assertEquals(10_000_000, r[0]);
    assertTrue(r[1] <= 2 * limit + 64 * 1024, "buffered " + r[1]);
    assertEquals(1, r[2]);
    assertEquals(0, r[3]);
  }

  /** A child that never reads: drain suspends on the queued bytes; killing the child fails it with a broken pipe. */
  @Test
  void drainSuspendsForAChildThatNeverReadsAndKillUnblocksIt() {
    Object[] r = run(Asyncio.async(() -> {
      Subprocess p = Asyncio.await(Asyncio.createSubprocessExec(SubprocessOptions.DEFAULT.stdin(Redirect.PIPE), "sleep", "30"));
      p.stdin().write(new byte[1 << 20]);
      Task<Void> drain = Asyncio.createTask(p.stdin().drain());
      for (int i = 0; i < 20; i++) Asyncio.await(Asyncio.sleep(0));
      boolean suspended = !drain.done();
      p.kill();
      UncheckedIOException e = null;
      try {
        Asyncio.await(drain);
      } catch (UncheckedIOException broken) {
        e = broken;
      }
      return new Object[] {suspended, e, Asyncio.await(p.waitAsync())};
    }));
    assertEquals(true, r[0]);
    UncheckedIOException e = (UncheckedIOException) r[1];
    assertTrue(e != null && e.getMessage().startsWith("Broken pipe"), String.valueOf(e));
    assertEquals(-9, r[2]);
  }

  @Test
  void writingAfterTheChildExitedFailsAtDrain() {
    UncheckedIOException e = run(Asyncio.async(() -> {
      Subprocess p = Asyncio.await(Asyncio.createSubprocessExec(SubprocessOptions.PIPES, "true"));
      Asyncio.await(p.waitAsync());
      p.stdin().write("too late".getBytes(US_ASCII));
      return assertThrows(UncheckedIOException.class, () -> Asyncio.await(p.stdin().drain()));
    }));
    assertTrue(e.getMessage().contains("true"), e.getMessage());
  }

  @Test
  void aKilledChildLeavesNoPumpThread() throws Exception {
    long pid = run(Asyncio.async(() -> {
      Subprocess p = Asyncio.await(Asyncio.createSubprocessExec(SubprocessOptions.PIPES, "sleep", "30"));
      assertEquals(3, pumps(p.pid()));
      p.kill();
      Asyncio.await(p.waitAsync());
      return p.pid();
    }));
    awaitNoPumps(pid);
  }

  @Test
  void closingTheLoopKillsTheChildAndStopsThePumps() throws Exception {
    long pid = run(Asyncio.async(() -> {
      Subprocess p = Asyncio.await(Asyncio.createSubprocessExec(SubprocessOptions.PIPES, "sleep", "30"));
      p.stdin().write(new byte[1 << 20]); // the stdin pump is blocked writing when the loop closes
      return p.pid();
    }));
    assertTrue(loop.isClosed());
    ProcessHandle h = ProcessHandle.of(pid).orElse(null);
    if (h != null) h.onExit().get(10, TimeUnit.SECONDS);
    awaitNoPumps(pid);
  }

  static int pumps(long pid) {
    String prefix = Subprocess.PUMP_PREFIX + pid + "-";
    int n = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(prefix) && t.isAlive()) n++;
    }
    return n;
  }

  /* The pumps leave right after delivering the end of their pipe: give them a moment of real time. */
  static void awaitNoPumps(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (pumps(pid) > 0 && System.nanoTime() < deadline) Thread.sleep(10);
    assertEquals(0, pumps(pid), "pump threads left for pid " + pid);
  }
}

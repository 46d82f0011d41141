package dev.weft.examples.asyncio;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Subprocess;
import dev.weft.asyncio.SubprocessOptions;
import java.nio.charset.StandardCharsets;

/**
 * A subprocess without TCP: runs a shell command with stdout and stderr piped and prints both and
 * the exit code. Prints "stdout: hi", "stderr: err", "exit code: 0".
 *
 * <pre>
 * p = await asyncio.create_subprocess_shell("echo hi; echo err >&2", stdout=PIPE, stderr=PIPE)
 * out, err = await p.communicate()
 * print("stdout:", out.decode().strip()); print("stderr:", err.decode().strip()); print("exit code:", p.returncode)
 * </pre>
 */
public final class SubprocessOutput {
  private SubprocessOutput() {}

  public static void main(String[] args) {
    Asyncio.run(() -> {
      Subprocess p = Asyncio.await(Asyncio.createSubprocessShell(SubprocessOptions.PIPES, "echo hi; echo err >&2"));
      Subprocess.Output out = Asyncio.await(p.communicate(null));
      System.out.println("stdout: " + new String(out.stdout(), StandardCharsets.UTF_8).strip());
      System.out.println("stderr: " + new String(out.stderr(), StandardCharsets.UTF_8).strip());
      System.out.println("exit code: " + p.returncode());
      return null;
    });
  }
}

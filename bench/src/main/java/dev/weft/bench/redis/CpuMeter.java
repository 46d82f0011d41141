package dev.weft.bench.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time (user plus system, from /proc/PID/stat) over an interval, as cores: how much
 * of the 2-core machine the client and redis-server each took, so that a row can be read as
 * "limited by the client" or "limited by the server". Linux only; elsewhere it reads NaN.
 */
final class CpuMeter {
  /* USER_HZ: the unit of /proc's times, 100 on every Linux build this runs on. */
  private static final double TICKS_PER_SECOND = 100;

  private final String pid;
  private final long ticks0;
  private final long nanos0;

  private CpuMeter(String pid) {
    this.pid = pid;
    this.ticks0 = ticks(pid);
    this.nanos0 = System.nanoTime();
  }

  static CpuMeter of(long pid) {
    return new CpuMeter(Long.toString(pid));
  }

  static CpuMeter self() {
    return new CpuMeter("self");
  }

  /** Cores used on average since this meter was made. */
  double cores() {
    long t = ticks(pid);
    if (t < 0 || ticks0 < 0) return Double.NaN;
    return (t - ticks0) / TICKS_PER_SECOND / ((System.nanoTime() - nanos0) / 1e9);
  }

  private static long ticks(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      // the command name may hold spaces: the fields counted from after its closing parenthesis
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime: fields 14 and 15 of proc(5)
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}

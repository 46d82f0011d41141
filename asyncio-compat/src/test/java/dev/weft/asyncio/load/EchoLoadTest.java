package dev.weft.asyncio.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.net.Socket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One Weft echo server against many plain-NIO connections from another JVM ({@link EchoFlood}) and
 * five kinds of misbehaving peer at once: every well-behaved round trip comes back intact and in
 * order, the server's buffers stay bounded for a peer that does not read, and the server keeps
 * serving. The 10,000-connection run is tagged {@code stress}:
 * {@code mvn verify -pl asyncio-compat -am -Dgroups=stress -Dweft.excludedGroups=none -Dtest=EchoLoadTest}.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EchoLoadTest {
  /* The stall a non-reading peer's writes must reach: far more than the socket buffers hold. */
  private static final long PUSH_CAP = 64L << 20;

  @Test
  void fiveHundredConnections_andFaultPeers_nothingLost_serverKeepsServing() throws Exception {
    scenario(500, 20);
  }

  @Test
  @Tag("stress")
  void tenThousandConnections_andFaultPeers_nothingLost_serverKeepsServing() throws Exception {
    long fds = maxFileDescriptors();
    assumeTrue(fds > 10_500, "C10K needs more than 10,500 file descriptors in this JVM (limit " + fds
        + "): raise it with ulimit -n, as .ci/run does");
    scenario(10_000, 10);
  }

  private static void scenario(int connections, int rounds) throws Exception {
    try (EchoServer server = new EchoServer(1);
        Socket idle = FaultPeers.connect(server.port());
        FaultPeers.NonReader stuck = new FaultPeers.NonReader(server.port())) {
      int port = server.port();
      long pushed = stuck.pushUntilStalled(PUSH_CAP, 500);
      assertTrue(pushed < PUSH_CAP, "the server kept reading from a peer that does not read: " + pushed + " bytes taken");
      FaultPeers.resetMidMessage(port);
      assertNotEquals("still open", FaultPeers.overlongLine(port, 100_000), "the server kept a line past its limit");
      assertEquals("a\nb\n", FaultPeers.halfClose(port, "a\nb\n"));

      long before = usedAfterGc();
      long perConnection;
      String[] done;
      try (FloodProcess flood = new FloodProcess(port, connections, rounds)) {
        flood.expect("OPEN");
        perConnection = (usedAfterGc() - before) / connections;
        flood.go();
        done = flood.expect("DONE");
      }
      assertEquals((long) connections * rounds, Long.parseLong(done[2]), "round trips");
      assertEquals(0, Long.parseLong(done[3]), "replies lost, reordered or corrupted");

      assertTrue(server.awaitEnded("reset", 1, 10_000), "reset peer: " + server.endings);
      assertTrue(server.awaitEnded("overlong", 1, 10_000), "overlong peer: " + server.endings);
      assertTrue(server.awaitEnded("eof", connections + 1, 30_000), "flood and half-close: " + server.endings);
      assertTrue(FaultPeers.stillOpen(idle), "the server dropped a connected peer that never sent");
      byte[] whole = stuck.wholeLinesSent(); // a line cut by the stall is not echoed
      assertArrayEquals(whole, stuck.drainEcho(whole.length), "the stalled peer's echo, once it reads");
      assertEquals("again\n", FaultPeers.halfClose(port, "again\n"), "still serving after the faults");
      System.out.printf("EchoLoadTest: %d connections x %d round trips in %s ms, server heap %d bytes per connection,"
          + " non-reader stalled after %d bytes, endings %s%n",
          connections, rounds, done[4], perConnection, pushed, server.endings);
    }
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /* Through the MBean server: the test runs in the module's compile, which does not read jdk.management. */
  private static long maxFileDescriptors() {
    try {
      Object max = ManagementFactory.getPlatformMBeanServer()
          .getAttribute(new javax.management.ObjectName("java.lang:type=OperatingSystem"), "MaxFileDescriptorCount");
      return ((Number) max).longValue();
    } catch (javax.management.JMException notUnix) {
      return Long.MAX_VALUE;
    }
  }
}

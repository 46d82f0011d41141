package dev.weft.examples.asyncio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every asyncio example runs and prints what its javadoc promises. */
@Timeout(60)
class AsyncioExamplesTest {
  static final Map<Class<?>, String> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put(HelloWorld.class, "coroutine made, nothing printed yet\nhello\nworld");
    EXPECTED.put(AwaitInSequence.class, "start\nend\nstart\nend\nothers others");
    EXPECTED.put(OverlappingTasks.class, "hello\nworld\nfinished in ");
    EXPECTED.put(NamedWait.class, "done: [n1]\npending: [n2]");
    EXPECTED.put(WaitOnCoroutines.class, "start\nstart\nend\nend\n2 done, 0 pending");
    EXPECTED.put(RunUntilComplete.class, "result: 42");
    EXPECTED.put(GeneratorCoroutine.class, "got 1 and 2");
    EXPECTED.put(GreenletBridge.class, "row a0\nrow b0\nrow a1\nrow b1\nrow a2\nrow b2\na: [a0, a1, a2] b: [b0, b1, b2]");
    EXPECTED.put(EchoClient.class, "client: send 'hello'\nserver: echo 'hello'\nclient: got 'hello'\n"
        + "client: send 'from a Weft task'\nserver: echo 'from a Weft task'\nclient: got 'from a Weft task'\n"
        + "client: send 'bye'\nserver: echo 'bye'\nclient: got 'bye'\n"
        + "server: client hung up, closing\nclient: server closed\n");
    EXPECTED.put(AsyncFor.class, "tick 0\ntick 1\ntick 2\nclosing ticker\nfirst: 0\nclosing ticker\nrunner closed");
    EXPECTED.put(EagerTasks.class, "before\nchild starts\ncreated, done: false\nchild resumes\ncached, done: true");
    EXPECTED.put(PipeReader.class, "read: hello through a pipe");
    EXPECTED.put(SubprocessOutput.class, "stdout: hi\nstderr: err\nexit code: 0");
    EXPECTED.put(UdpPingPong.class, "client got: echo ping");
    EXPECTED.put(ProtocolEcho.class, "client: data sent: Hello World!\nserver: data received: Hello World!\n"
        + "client: data received: Hello World!\nclient: the server closed the connection\nserver closed");
    EXPECTED.put(UnixSocketEcho.class, "echoed: hello over a socket file\nsocket file removed: true");
    EXPECTED.put(ConcurrentFetcher.class, "fetched 20 pages, all correct; at most 4 requests in service at once (limit 4)");
  }

  @Test
  void everyAsyncioExample_runsAndPrintsWhatItPromises() throws Exception {
    for (Map.Entry<Class<?>, String> e : EXPECTED.entrySet()) {
      String out = run(e.getKey());
      assertTrue(out.replace("\r", "").contains(e.getValue()), e.getKey().getName() + " printed:\n" + out);
    }
  }

  static String run(Class<?> example) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      example.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(saved);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}

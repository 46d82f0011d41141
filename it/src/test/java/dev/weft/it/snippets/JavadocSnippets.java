package dev.weft.it.snippets;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The {@code <pre>{@code ...}</pre>} examples in the javadoc of every public type outside
 * {@code internal} packages, in every module's {@code src/main/java/dev/weft}, found by parsing the
 * sources. Their options (see {@link Snippet}) live here rather than in the sources, so that the
 * javadoc reads as plain documentation, keyed by what the example documents:
 *
 * <pre>
 * Asyncio                                   the class's own comment (a nested type: Server.ClientConnected)
 * Asyncio#sleep                             a member's comment (a constructor: Greenlet#Greenlet)
 * Asyncio#openConnection(String, int, int)  one of several overloads with examples (types as written, no generics)
 * WeftAgent[2]                              the second example of the same comment
 * dev.weft.asyncio                          package-info.java
 * </pre>
 *
 * <p>An example in another language says so, {@code <pre class="language-xml">{@code ...}</pre>}
 * (or {@code language-sh}): it is listed as skipped, never compiled. An options key that matches
 * no example is an error, as is an example that looks like XML without the marker.
 */
final class JavadocSnippets {
  /** The languages of {@code <pre class="language-NAME">} that are not Java. */
  static final Set<String> OTHER_LANGUAGES = Set.of("xml", "sh");

  /** The far ends of the network examples, in the example's JVM (see {@link Peers}). */
  private static final String ECHO_8888 = "member static { Peers.echoLines(8888, null); }";
  private static final String LOOP = "before EventLoop loop = Asyncio.getRunningLoop();";
  private static final String PRINT_REPLY = "then System.out.println(new String(reply, UTF_8).strip());";

  static final Map<String, String> OPTIONS = Map.ofEntries(
      // ---- dev.weft.continuations
      Map.entry("Continuation", "expect one\nexpect two"),
      Map.entry("ContinuationScope", "then Continuation k = new Continuation(TICKS, () -> Continuation.suspend(TICKS));\n"
          + "then k.run(); k.run(); System.out.println(k.isDone());\nexpect true"),
      Map.entry("Context", "expect anonymous\nexpect ada"),
      Map.entry("ContextVar", "member static void log(String what) { System.out.println(what + \" \" + REQUEST_ID.get()); }\nexpect handling r-42"),
      Map.entry("ContextVar#bindToThread", "member static final class MDC { static void put(String k, String v) { System.out.println(k + \"=\" + v); } static void remove(String k) { } }\n"
          + "member public static void main(String[] args) { REQUEST_ID.set(\"r-7\"); }\nexpect requestId=r-7"),
      Map.entry("Suspend", "then ContinuationScope demo = new ContinuationScope(\"demo\");\n"
          + "then Continuation k = new Continuation(demo, () -> ticker(demo));\nthen k.run(); k.run();\nexpect tick 0\nexpect tick 1"),
      Map.entry("SuspendException", "member static final ContinuationScope scope = new ContinuationScope(\"demo\");\n"
          + "expect cannot suspend ContinuationScope[demo] in ..."),
      Map.entry("Suspendable", "then Ticks ticks = new Ticks();\n"
          + "then Continuation k = new Continuation(TICKS, () -> System.out.println(\"got \" + ticks.next()));\n"
          + "then k.run(); k.run();\nexpect got 0"),
      Map.entry("SuspendableCallable", "member static final ContinuationScope scope = new ContinuationScope(\"demo\");\n"
          + "then Continuation k = new Continuation(scope, () -> System.out.println(fetch.call()));\nthen k.run(); k.run();\nexpect done"),
      Map.entry("SuspendableRunnable", "member static final ContinuationScope scope = new ContinuationScope(\"demo\");\n"
          + "then Continuation k = new Continuation(scope, body);\nthen k.run(); k.run();\nexpect a\nexpect b"),
      Map.entry("Weft", "class App\nmember static void run() { System.out.println(\"running\"); }\nuninstrumented\nexpect running"),
      Map.entry("Weft#launch", "member static Void serve() throws Suspend { Asyncio.await(Asyncio.sleep(0)); System.out.println(\"served\"); return null; }\n"
          + "uninstrumented\nexpect served"),
      // ---- dev.weft.generators
      Map.entry("Generator", "expect 0\nexpect 4"),
      Map.entry("GeneratorExit", "expect cleaned up"),
      Map.entry("StopIteration", "expect done"),
      Map.entry("Yielder", "then System.out.println(g.stream().map(String::valueOf).collect(Collectors.joining(\", \")));\nexpect 1, 3, 4, 2"),
      // ---- dev.weft.greenlet
      Map.entry("Greenlet", "expect 12\nexpect 56\nexpect 34"),
      Map.entry("Greenlet#switchTo", "expect echo a\nexpect echo b"),
      Map.entry("Greenlet#getStack", "member static final Greenlet main = Greenlet.current();\n"
          + "member static Object worker(Greenlet main) throws Suspend { return main.switchTo(); }\n"
          + "then System.out.println(g.getStack().get(0).getMethodName());\nexpect worker"),
      Map.entry("GreenletExit", "member static void cleanup() { System.out.println(\"cleanup ran\"); }\nexpect cleanup ran"),
      // a greenlet of another thread, whose body fails the run if the switch is let through
      Map.entry("GreenletError", "member static Greenlet otherThreadsGreenlet;\n"
          + "before Thread other = new Thread(() -> otherThreadsGreenlet = new Greenlet(args -> { throw new AssertionError(\"switched across threads\"); }));\n"
          + "before other.start(); other.join();"),
      // ---- dev.weft.asyncio
      Map.entry("dev.weft.asyncio", "then System.out.println(both);\nexpect [hello a, hello b]"),
      Map.entry("Asyncio#captureCallGraph", "in-loop\nmember static Object work() throws Suspend { Asyncio.await(Asyncio.sleep(0)); return null; }"),
      Map.entry("Asyncio#openConnection(String, int, int)", "in-loop\n" + ECHO_8888 + "\nthen c.writer().write(\"hi\\n\".getBytes(UTF_8));\n"
          + "then System.out.println(new String(Asyncio.await(c.reader().readline()), UTF_8).strip());\nexpect hi"),
      // example.org over the internet, and a CA-signed certificate for it: neither is there for a test
      Map.entry("Asyncio#openConnection(String, int, SSLContext)", "compile-only\nimport javax.net.ssl.SSLContext\nimport static java.nio.charset.StandardCharsets.US_ASCII"),
      Map.entry("Asyncio#startUnixServer", "in-loop\nmember static final Server.ClientConnected handler = (r, w) -> null;\n"
          + "then c.writer().close(); s.close(); System.out.println(\"connected\");\nexpect connected"),
      Map.entry("Asyncio#createSubprocessExec", "in-loop\nthen Asyncio.await(p.communicate(new byte[0])); System.out.println(p.returncode());\nexpect 0"),
      Map.entry("AsCompleted", "in-loop\n"
          + "before List<Task<String>> tasks = List.of(Asyncio.createTask(Asyncio.sleep(0.2, \"b\"), \"slow\"), Asyncio.createTask(Asyncio.sleep(0.1, \"a\"), \"fast\"));\n"
          + "expect fast a\nexpect slow b"),
      Map.entry("AsyncContextManager", "in-loop\nmember static final String sql = \"select 1\";\n"
          + "member interface Conn { Coroutine<String> execute(String sql); }\n"
          + "member static final class Pool { AsyncContextManager<Conn> connection() { return new AsyncContextManager<Conn>() {"
          + " public Awaitable<Conn> aenter() { System.out.println(\"enter\"); Conn conn = q -> Asyncio.sleep(0, \"ran \" + q); return Asyncio.sleep(0, conn); }"
          + " public Awaitable<Boolean> aexit(Throwable exc) { System.out.println(\"exit \" + exc); return Asyncio.sleep(0, false); } }; } }\n"
          + "member static final Pool pool = new Pool();\nexpect enter\nexpect exit null"),
      Map.entry("AsyncGenerator", "in-loop\nthen System.out.println(Asyncio.await(ticker(3).anext()));\nexpect 0"),
      Map.entry("AsyncIterable", "in-loop\nthen Asyncio.await(Asyncio.forEach(ticks, i -> System.out.println(i)));\nexpect 0\nexpect 2"),
      Map.entry("AsyncIterator", "in-loop\nthen Asyncio.await(Asyncio.forEach(new Countdown(3), i -> System.out.println(i)));\nexpect 2\nexpect 0"),
      Map.entry("Awaitable", "in-loop\nthen System.out.println(s);\nexpect done"),
      Map.entry("Barrier", "in-loop\nthen System.out.println(index);\nexpect 0"),
      // not in-loop: Pipe.open() throws IOException, which Asyncio.run's body may not
      Map.entry("BaseSelectorEventLoop#addReader", "before EventLoop loop = Asyncio.newEventLoop();\nimport java.nio.ByteBuffer\n"
          + "member static void drain(Pipe.SourceChannel source) { try { int n = source.read(ByteBuffer.allocate(64)); System.out.println(\"read \" + n);"
          + " Asyncio.getRunningLoop().removeReader(source); } catch (IOException e) { throw new UncheckedIOException(e); } }\n"
          + "then pipe.sink().write(ByteBuffer.wrap(\"hi\".getBytes(UTF_8)));\nthen loop.runUntilComplete(Asyncio.sleep(0.1)); loop.close();\nexpect read 2"),
      Map.entry("BaseSelectorEventLoop#createConnection", "in-loop\n" + ECHO_8888 + "\n" + LOOP + "\nexpect ping"),
      Map.entry("BaseSelectorEventLoop#createServer", "in-loop\n" + LOOP + "\n"
          + "then StreamEndpoint<Protocol> c = Asyncio.await(loop.createConnection(() -> new Protocol() {"
          + " public void dataReceived(byte[] data) { System.out.println(new String(data, UTF_8)); } }, \"localhost\", server.port()));\n"
          + "then c.transport().write(\"shout\".getBytes(UTF_8)); Asyncio.await(Asyncio.sleep(0.2)); c.transport().close(); server.close();\n"
          + "expect [ ...\nexpect SHOUT"),
      Map.entry("BaseSelectorEventLoop#createDatagramEndpoint", "in-loop\n" + LOOP + "\n"
          + "member static final class Echo implements DatagramProtocol { DatagramTransport transport;"
          + " public void connectionMade(DatagramTransport t) { transport = t; }"
          + " public void datagramReceived(byte[] data, SocketAddress from) { transport.sendto(data, from); } }\n"
          + "then System.out.println(where.getAddress().getHostAddress() + \" \" + (where.getPort() > 0)); server.transport().close();\nexpect 127.0.0.1 true"),
      // needs a peer that speaks STARTTLS and a certificate the client trusts
      Map.entry("BaseSelectorEventLoop#startTls", "compile-only\nin-loop\n" + LOOP + "\nimport javax.net.ssl.SSLContext\n"
          + "member static SSLContext sslContext;\nbefore Transport transport = null; Protocol protocol = null;"),
      Map.entry("BaseSelectorEventLoop#sendfile", "in-loop\n" + ECHO_8888 + "\n" + LOOP + "\n"
          + "before Files.writeString(Path.of(\"index.html\"), \"<h1>hi</h1>\\n\");\n"
          + "before Connection c = Asyncio.await(Asyncio.openConnection(\"127.0.0.1\", 8888)); StreamWriter writer = c.writer();\n"
          + "then System.out.println(new String(Asyncio.await(c.reader().readline()), UTF_8).strip());\nexpect <h1>hi</h1>"),
      Map.entry("BaseSelectorEventLoop#sockRecv", "in-loop\n" + ECHO_8888 + "\n" + LOOP + "\n" + PRINT_REPLY + "\nexpect ping"),
      Map.entry("BoundedSemaphore", "expect BoundedSemaphore released too many times"),
      Map.entry("BrokenBarrierError", "in-loop\nbefore Barrier barrier = new Barrier(2);\n"
          + "before Asyncio.createTask(Asyncio.async(() -> { Asyncio.await(Asyncio.sleep(0.01)); return Asyncio.await(barrier.abort()); }));\nexpect aborted"),
      Map.entry("CancelledError", "in-loop"),
      Map.entry("Condition", "in-loop\nmember static final List<String> items = new ArrayList<>(List.of(\"job\"));\n"
          + "then System.out.println(items + \" \" + cond.locked());\nexpect [job] false"),
      Map.entry("Connection", "in-loop\n" + ECHO_8888 + "\nmember static final byte[] request = \"PING\\n\".getBytes(UTF_8);\n" + PRINT_REPLY + "\nexpect PING"),
      Map.entry("Coroutine", "then System.out.println(s);\nexpect hello world"),
      Map.entry("DatagramEndpoint", "in-loop\n" + LOOP + "\nmember static { Peers.echoDatagrams(9999); }\n"
          + "member static final SocketAddress server = new InetSocketAddress(\"127.0.0.1\", 9999);\n"
          + "member static final byte[] request = \"ping\".getBytes(UTF_8);\n"
          + "member static final class Client implements DatagramProtocol { static volatile String got;"
          + " public void datagramReceived(byte[] data, SocketAddress from) { got = new String(data, UTF_8); } }\n"
          + "then for (int i = 0; i < 200 && Client.got == null; i++) Asyncio.await(Asyncio.sleep(0.01));\n"
          + "then System.out.println(\"got \" + Client.got); e.transport().close();\nexpect got ping"),
      Map.entry("DatagramProtocol", "in-loop\n" + LOOP + "\n"
          + "then String echoed = Asyncio.await(Asyncio.toThread(() -> { try (DatagramSocket s = new DatagramSocket()) {"
          + " s.setSoTimeout(5000); s.send(new DatagramPacket(\"ping\".getBytes(UTF_8), 4, new InetSocketAddress(\"127.0.0.1\", 9999)));"
          + " DatagramPacket p = new DatagramPacket(new byte[16], 16); s.receive(p); return new String(p.getData(), 0, p.getLength(), UTF_8); } }));\n"
          + "then System.out.println(\"echoed \" + echoed); e.transport().close();\nexpect echoed ping"),
      Map.entry("DatagramTransport", "in-loop\nmember static { Peers.echoDatagrams(9999); }\n"
          + "member static final class Lost implements DatagramProtocol { public void connectionLost(Exception exc) { System.out.println(\"lost \" + exc); } }\n"
          + "before DatagramTransport transport = Asyncio.await(Asyncio.getRunningLoop().createDatagramEndpoint(Lost::new, new InetSocketAddress(\"127.0.0.1\", 0), null)).transport();\n"
          + "then Asyncio.await(Asyncio.sleep(0.01));\nexpect lost null"),
      Map.entry("Event", "in-loop\nmember static String go() { System.out.println(\"go\"); return \"went\"; }\n"
          + "then Asyncio.await(Asyncio.sleep(0.01));\nexpect go"),
      Map.entry("EventLoop", "expect first"),
      // it serves forever: the peer checks one echo, then ends the JVM
      Map.entry("EventLoopGroup", "member static { Peers.lineClientThenExit(8888, \"hello\"); }\nexpect peer got: hello"),
      Map.entry("ExceptionGroup", "in-loop\nmember static Coroutine<Void> failing() { return Asyncio.async(() -> { throw new IllegalStateException(\"boom\"); }); }\n"
          + "expect java.lang.IllegalStateException: boom"),
      Map.entry("Handle", "in-loop\n" + LOOP + "\nthen Asyncio.await(Asyncio.sleep(0)); System.out.println(\"cancelled \" + h.cancelled());\nexpect cancelled true"),
      Map.entry("IncompleteReadError", "in-loop\n"
          + "before StreamReader reader = new StreamReader(Asyncio.getRunningLoop(), 1024); reader.feedData(\"short\".getBytes(UTF_8), 5); reader.feedEof();\n"
          + "expect 5 of 16"),
      Map.entry("InvalidStateError", "in-loop\n" + LOOP + "\nthen System.out.println(\"not ready\");\nexpect not ready"),
      Map.entry("LifoQueue", "then System.out.println(top);\nexpect b"),
      Map.entry("LimitOverrunError", "in-loop\nmember static final byte[] sep = \"\\r\\n\".getBytes(UTF_8);\n"
          + "before StreamReader reader = new StreamReader(Asyncio.getRunningLoop(), 8); reader.feedData(\"no line end here\".getBytes(UTF_8), 16);\n"
          + "expect no separator in 15 bytes"),
      Map.entry("Lock", "in-loop\nmember static Coroutine<String> fetch() { return Asyncio.sleep(0, \"fetched\"); }\nthen System.out.println(s);\nexpect fetched"),
      Map.entry("MissingGreenletError", "expect greenlet_spawn has not been called; can't call await_only() here. ..."),
      Map.entry("PriorityQueue", "then System.out.println(first);\nexpect 1"),
      Map.entry("Protocol", "in-loop\n"
          + "then Connection c = Asyncio.await(Asyncio.openConnection(\"127.0.0.1\", server.port())); c.writer().write(\"echo\\n\".getBytes(UTF_8));\n"
          + "then System.out.println(new String(Asyncio.await(c.reader().readline()), UTF_8).strip()); c.writer().close(); server.close();\nexpect echo"),
      Map.entry("Queue", "in-loop"),
      Map.entry("QueueEmpty", "before Queue<String> queue = new Queue<>();\nexpect nothing yet"),
      Map.entry("QueueFull", "before Queue<String> queue = new Queue<>(1); queue.putNowait(\"first\"); String item = \"second\";\nexpect no room"),
      Map.entry("QueueShutDown", "before Queue<String> queue = new Queue<>(); String item = \"late\";\nexpect closed"),
      Map.entry("ReturnWhen", "in-loop\nbefore Task<String> ok = Asyncio.createTask(Asyncio.sleep(5, \"late\"));\n"
          + "before Task<String> bad = Asyncio.createTask(Asyncio.async(() -> { throw new IllegalStateException(\"boom\"); }));\n"
          + "before List<Task<String>> tasks = List.of(ok, bad);\n"
          + "then System.out.println(bad.exception().getMessage() + \", \" + ok.done());\nexpect boom, false"),
      Map.entry("Runner", "member static Object connect() throws Suspend { return null; }\nmember static String work() throws Suspend { return \"worked\"; }\n"
          + "then System.out.println(\"ran\");\nexpect ran"),
      Map.entry("Semaphore", "in-loop\nmember static Coroutine<String> download() { return Asyncio.async(() -> { System.out.println(\"downloading\"); return \"file\"; }); }\n"
          + "expect downloading"),
      Map.entry("Server#waitClosed", "in-loop\nbefore Server server = Asyncio.await(Asyncio.startServer((r, w) -> null, \"127.0.0.1\", 0));\n"
          + "then System.out.println(\"closed \" + server.isServing());\nexpect closed false"),
      Map.entry("Server", "in-loop\nthen Connection c = Asyncio.await(Asyncio.openConnection(\"127.0.0.1\", port)); c.writer().write(\"echo\\n\".getBytes(UTF_8));\n"
          + "then System.out.println(new String(Asyncio.await(c.reader().readline()), UTF_8).strip()); server.close();\nexpect echo"),
      Map.entry("StopAsyncIteration", "in-loop\nbefore AsyncGenerator<Integer, Object> agen = AsyncGenerator.of(y -> { y.yield(1); y.yield(2); });\nexpect 1\nexpect 2"),
      Map.entry("StreamEndpoint", "in-loop\n" + ECHO_8888 + "\n" + LOOP + "\n"
          + "member static final byte[] request = \"ping\\n\".getBytes(UTF_8);\n"
          + "member static final class Client implements Protocol { static volatile String got;"
          + " public void dataReceived(byte[] data) { got = new String(data, UTF_8).strip(); } }\n"
          + "then for (int i = 0; i < 200 && Client.got == null; i++) Asyncio.await(Asyncio.sleep(0.01));\n"
          + "then System.out.println(\"got \" + Client.got); e.transport().close();\nexpect got ping"),
      Map.entry("StreamReader", "in-loop\nmember static { Peers.echoLines(8888, \"hello\"); }\nthen System.out.println(new String(line, UTF_8).strip());\nexpect hello"),
      // compile-only: both need a peer that speaks the protocol (answers after EOF; STARTTLS then a TLS handshake)
      Map.entry("StreamWriter#writeEof", "compile-only\nin-loop\nmember static final byte[] request = new byte[0];\n"
          + "before Connection c = Asyncio.await(Asyncio.openConnection(\"127.0.0.1\", 8888));"),
      Map.entry("StreamWriter#startTls", "compile-only\nin-loop\nimport javax.net.ssl.SSLContext\nimport static java.nio.charset.StandardCharsets.US_ASCII\n"
          + "member static SSLContext sslContext;\nbefore Connection c = Asyncio.await(Asyncio.openConnection(\"127.0.0.1\", 8888));"),
      Map.entry("StreamWriter", "in-loop\n" + ECHO_8888 + "\nbefore Connection c = Asyncio.await(Asyncio.openConnection(\"127.0.0.1\", 8888));\n"
          + "then System.out.println(\"closing \" + c.writer().isClosing());\nexpect closing true"),
      Map.entry("Subprocess", "in-loop\nthen System.out.println(new String(out.stdout(), UTF_8) + \" \" + p.returncode());\nexpect hi 0"),
      Map.entry("SubprocessOptions", "in-loop\nbefore Files.writeString(Path.of(\"listed.txt\"), \"\");\n"
          + "then System.out.println(new String(Asyncio.await(p.stdout().read(-1)), UTF_8).strip() + \" \" + Asyncio.await(p.waitAsync()));\nexpect listed.txt 0"),
      Map.entry("SuspendableConsumer", "in-loop\n"
          + "member static final class Db { Coroutine<Void> insert(String line) { return Asyncio.async(() -> { System.out.println(\"inserted \" + line); return null; }); } }\n"
          + "member static final Db db = new Db();\nthen save.accept(\"a row\");\nexpect inserted a row"),
      Map.entry("Task", "expect sleeper"),
      Map.entry("Task#getStack", "in-loop\nmember static Object handler() throws Suspend { Asyncio.await(Asyncio.sleep(0.01)); return null; }\n"
          + "then System.out.println(t.getStack().get(0).getMethodName());\nexpect handler"),
      Map.entry("TaskFactory", "in-loop\n" + LOOP + "\nthen Task<String> t = Asyncio.createTask(Asyncio.async(() -> \"eager\")); System.out.println(\"done at once: \" + t.done());\n"
          + "expect done at once: true"),
      Map.entry("TaskGroup", "in-loop\nthen System.out.println(total);\nexpect 0"),
      Map.entry("Timeout", "in-loop\nmember static Coroutine<String> slowQuery() { return Asyncio.sleep(1.5, \"slow result\"); }\n"
          + "then System.out.println(s);\nexpect slow result"),
      Map.entry("TimeoutError", "in-loop"),
      Map.entry("Transport", "in-loop\n" + ECHO_8888 + "\n"
          + "before Transport transport = Asyncio.await(Asyncio.getRunningLoop().createConnection(() -> new Protocol() {"
          + " public void connectionLost(Exception exc) { System.out.println(\"lost \" + exc); } }, \"127.0.0.1\", 8888)).transport();\n"
          + "then Asyncio.await(Asyncio.sleep(0.1));\nexpect lost null"),
      Map.entry("TimerHandle", "in-loop\n" + LOOP + "\nthen System.out.println((deadline - loop.time() > 4) + \" \" + t.cancelled());\nexpect true true"),
      Map.entry("VirtualTime", "then new Snippet().slowServer_timesOutAfterAnHour(); System.out.println(\"an hour\");\nexpect an hour"),
      Map.entry("VirtualTime#newEventLoop", "then System.out.println(\"ten seconds\");\nexpect ten seconds"),
      Map.entry("WaitResult", "in-loop\nbefore Task<String> t1 = Asyncio.createTask(Asyncio.sleep(0.01, \"first\"));\n"
          + "before Task<String> t2 = Asyncio.createTask(Asyncio.sleep(5, \"second\"));\nexpect first"),
      // ---- dev.weft.junit
      Map.entry("AsyncioTest", "then VirtualTime.run(() -> { new Snippet().retries_backOffForAMinute(); return null; }); System.out.println(\"a minute\");\n"
          + "expect a minute"),
      // ---- dev.weft.examples (not published; the demos' own types)
      Map.entry("RespClient", "import dev.weft.examples.redis.RespClient\nmember static { Peers.redis(6379); }"),
      // a real redis-server, which a developer's machine may lack: RespClientTest runs one
      Map.entry("LocalRedisServer", "compile-only\nimport dev.weft.examples.redis.LocalRedisServer\nimport dev.weft.examples.redis.RespClient"),
      // ---- dev.weft.testing (not published; the tests' helpers)
      Map.entry("Gc", "import dev.weft.testing.Gc\nmember static final List<String> reports = Collections.synchronizedList(new ArrayList<>());\n"
          + "member static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();\n"
          + "member static final String marker = \"dropped\";\n"
          + "member static void failAndDrop(String marker) { CLEANER.register(new Object(), () -> reports.add(marker)); }\n"
          + "then System.out.println(reports);\nexpect [dropped]"),
      Map.entry("InstrumentedClasses", "import dev.weft.testing.InstrumentedClasses\n"
          + "member static final class MyTest { static void suspends() throws Suspend { Continuation.suspend(new ContinuationScope(\"t\")); } }\n"
          + "then new Snippet().everyInstrumentedClass_verifies(); System.out.println(\"verified\");\nexpect verified"),
      Map.entry("Latches", "import dev.weft.testing.Latches\nimport java.util.concurrent.CountDownLatch\nthen worker.join();\nexpect started"),
      Map.entry("Messages", "import dev.weft.testing.Messages\n"
          + "before Exception e = new IllegalStateException(\"class X was compiled but not instrumented yet\");\n"
          + "then System.out.println(\"said so\");\nexpect said so"),
      Map.entry("Steps", "import dev.weft.testing.Steps\nthen System.out.println(\"in order\");\nexpect in order")
      );

  private static final Pattern PRE = Pattern.compile(
      "<pre(?:\\s+class=\"language-(?<lang>[\\w-]+)\")?>\\{@code[ \\t]*\\n(?<code>.*?)\\n\\s*\\*\\s*\\}</pre>", Pattern.DOTALL);
  /** Anything that opens an example, matched or not: the two counts must agree. */
  private static final Pattern ANY_PRE = Pattern.compile("<pre[^>]*>\\s*\\{@code");
  private static final Pattern MARGIN = Pattern.compile("^\\s*\\* ?", Pattern.MULTILINE);
  private static final Pattern SHELL = Pattern.compile("^(?:\\$ |java |mvn )");

  private JavadocSnippets() {}

  /** One example as found: {@code language} is null for Java. */
  record Example(String key, String origin, String language, String code) {}

  /** What {@link #read} found: the Java examples with their options, the others, and what is wrong. */
  record Found(List<Snippet> snippets, List<Example> skipped, List<String> problems) {}

  static Found read(Path root) throws IOException {
    return read(root, OPTIONS);
  }

  static Found read(Path root, Map<String, String> options) throws IOException {
    List<Example> examples = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path file : sources(root)) {
      examples.addAll(examples(root.relativize(file).toString().replace('\\', '/'), Files.readString(file), problems));
    }
    return withOptions(examples, options, problems);
  }

  static Found withOptions(List<Example> examples, Map<String, String> options, List<String> problems) {
    List<Snippet> snippets = new ArrayList<>();
    List<Example> skipped = new ArrayList<>();
    Map<String, Example> byKey = new LinkedHashMap<>();
    for (Example e : examples) {
      Example other = byKey.put(e.key(), e);
      if (other != null) problems.add(e.origin() + " and " + other.origin() + " have the same key " + e.key());
      if (e.language() != null) {
        skipped.add(e);
        if (options.containsKey(e.key())) problems.add("JavadocSnippets.OPTIONS has " + e.key() + ", a " + e.language() + " example, which is never checked");
        continue;
      }
      snippets.add(new Snippet(e.origin() + " (" + e.key() + ")", e.code(), Snippet.Options.parse(options.getOrDefault(e.key(), ""))));
    }
    for (String key : new TreeSet<>(options.keySet())) {
      if (!byKey.containsKey(key)) {
        String type = key.split("[#\\[]", 2)[0];
        List<String> near = byKey.keySet().stream().filter(k -> k.split("[#\\[]", 2)[0].equals(type)).sorted().collect(Collectors.toList());
        problems.add("JavadocSnippets.OPTIONS has " + key + ", which matches no javadoc example (moved, renamed or removed?)"
            + (near.isEmpty() ? "" : "; examples of " + type + ": " + near));
      }
    }
    return new Found(snippets, skipped, problems);
  }

  /** The main sources of every module, outside {@code internal} packages: {@code MODULE/src/main/java/dev/weft/...}. */
  static List<Path> sources(Path root) throws IOException {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path src : (Iterable<Path>) modules.sorted().map(d -> d.resolve("src/main/java/dev/weft"))::iterator) {
        if (!Files.isDirectory(src)) continue;
        try (Stream<Path> files = Files.walk(src)) {
          files.filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !List.of(src.relativize(p).toString().replace('\\', '/').split("/")).contains("internal"))
              .sorted().forEach(found::add);
        }
      }
    }
    return found;
  }

  /**
   * The examples of one source file, keyed; package-info.java's by the package. Of a type that is
   * not public, only the examples of its public and protected members count: javadoc publishes
   * those as members of its public subclasses ({@code BaseSelectorEventLoop}'s, as
   * {@code EventLoop}'s).
   */
  static List<Example> examples(String fileName, String source, List<String> problems) throws IOException {
    long opened = ANY_PRE.matcher(source).results().count();
    List<int[]> spans = new ArrayList<>();
    List<String[]> found = new ArrayList<>();   // language, code
    Matcher m = PRE.matcher(source);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
      found.add(new String[] {m.group("lang"), MARGIN.matcher(m.group("code")).replaceAll("").replace("&#64;", "@") + "\n"});
    }
    if (opened != found.size()) {
      problems.add(fileName + ": " + opened + " <pre>{@code examples open, " + found.size()
          + " read (an example must end with a line '* }</pre>')");
    }
    if (found.isEmpty()) return List.of();

    List<Declaration> declarations = declarations(fileName, source);
    // members with examples, by type and name: several declarations of one name get their signature
    Map<String, Set<Integer>> declsByName = new LinkedHashMap<>();
    List<Declaration> owners = new ArrayList<>();
    for (int[] span : spans) {
      Declaration owner = declarations.stream().filter(d -> d.start >= span[1]).min(Comparator.comparingLong(d -> d.start)).orElse(null);
      if (owner == null || !source.substring(span[1], (int) owner.start).contains("*/")) {
        problems.add(fileName + ":" + line(source, span[0]) + ": an example outside any javadoc comment");
        owners.add(null);
        continue;
      }
      owners.add(owner.published ? owner : null);
      if (!owner.published) continue;
      declsByName.computeIfAbsent(owner.shortKey, k -> new TreeSet<>()).add((int) owner.start);
    }
    List<Example> examples = new ArrayList<>();
    Map<String, Integer> perKey = new LinkedHashMap<>();
    for (int i = 0; i < spans.size(); i++) {
      Declaration owner = owners.get(i);
      if (owner == null) continue;
      String key = declsByName.get(owner.shortKey).size() > 1 ? owner.longKey : owner.shortKey;
      int nth = perKey.merge(key, 1, Integer::sum);
      if (nth > 1) key += "[" + nth + "]";
      String language = found.get(i)[0];
      String code = found.get(i)[1];
      String origin = fileName + ":" + line(source, spans.get(i)[0]);
      if (language != null && !OTHER_LANGUAGES.contains(language)) {
        problems.add(origin + ": <pre class=\"language-" + language + "\">: not a language JavadocSnippets knows (Java examples have no class; others: " + new TreeSet<>(OTHER_LANGUAGES) + ")");
      } else if (language == null && code.stripLeading().startsWith("<")) {
        problems.add(origin + " (" + key + ") looks like XML: open it with <pre class=\"language-xml\">{@code so that it is skipped, not compiled");
      } else if (language == null && SHELL.matcher(code.stripLeading()).find()) {
        problems.add(origin + " (" + key + ") looks like a shell command: open it with <pre class=\"language-sh\">{@code so that it is skipped, not compiled");
      }
      examples.add(new Example(key, origin, language, code));
    }
    return examples;
  }

  /** A declaration that may carry a doc comment; it starts at its first modifier or annotation. */
  private record Declaration(long start, String shortKey, String longKey, boolean published) {}

  /** The file's declarations, each with whether javadoc publishes its comment. */
  private static List<Declaration> declarations(String fileName, String source) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavaFileObject file = new javax.tools.SimpleJavaFileObject(Path.of(fileName).toUri(), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return source;
        }
      };
      JavacTask task = (JavacTask) javac.getTask(new StringWriter(), files, d -> {}, List.of("-proc:none"), null, List.of(file));
      CompilationUnitTree unit = task.parse().iterator().next();
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      List<Declaration> declarations = new ArrayList<>();
      if (fileName.endsWith("package-info.java")) {
        String pkg = unit.getPackage().getPackageName().toString();
        declarations.add(new Declaration(positions.getStartPosition(unit, unit.getPackage()), pkg, pkg, true));
        return declarations;
      }
      new TreeScanner<Void, String>() {
        @Override
        public Void visitClass(ClassTree c, String outer) {
          boolean published = outer != null || c.getModifiers().getFlags().contains(Modifier.PUBLIC);
          visitType(c, outer, published);
          return null;
        }

        private void visitType(ClassTree c, String outer, boolean publicType) {
          String name = outer == null ? c.getSimpleName().toString() : outer + "." + c.getSimpleName();
          declarations.add(new Declaration(start(c), name, name, publicType));
          for (Tree member : c.getMembers()) {
            boolean published = publicType || exposed(member);
            if (member instanceof ClassTree) {
              visitType((ClassTree) member, name, published);
            } else if (member instanceof MethodTree) {
              MethodTree method = (MethodTree) member;
              String simple = method.getName().contentEquals("<init>") ? c.getSimpleName().toString() : method.getName().toString();
              String params = method.getParameters().stream().map(p -> simpleType(p.getType().toString())).collect(Collectors.joining(", "));
              declarations.add(new Declaration(start(method), name + "#" + simple, name + "#" + simple + "(" + params + ")", published));
            } else if (member instanceof VariableTree) {
              String field = name + "#" + ((VariableTree) member).getName();
              declarations.add(new Declaration(start(member), field, field, published));
            }
          }
          // no method bodies, no initializers
        }

        private boolean exposed(Tree member) {
          Set<Modifier> flags = member instanceof ClassTree ? ((ClassTree) member).getModifiers().getFlags()
              : member instanceof MethodTree ? ((MethodTree) member).getModifiers().getFlags()
              : member instanceof VariableTree ? ((VariableTree) member).getModifiers().getFlags() : Set.of();
          return flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED);
        }

        private long start(Tree t) {
          return positions.getStartPosition(unit, t);
        }
      }.scan(unit.getTypeDecls(), null);
      return declarations;
    }
  }

  /** {@code java.util.function.Consumer<? super T>} is {@code Consumer}. */
  static String simpleType(String type) {
    String t = type;
    String previous;
    do {
      previous = t;
      t = t.replaceAll("<[^<>]*>", "");
    } while (!t.equals(previous));
    return t.replaceAll("@\\S+\\s+", "").replaceAll("\\b[a-z][\\w]*\\.", "").strip();
  }

  private static int line(String source, int offset) {
    return 1 + (int) source.substring(0, offset).chars().filter(c -> c == '\n').count();
  }
}

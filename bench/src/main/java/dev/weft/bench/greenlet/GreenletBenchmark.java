package dev.weft.bench.greenlet;

import dev.weft.continuations.Suspend;
import dev.weft.greenlet.Greenlet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Greenlet switches. {@code switchRoundTrip}: the main greenlet switches to a partner, which
 * switches straight back (A to B to A), as python-greenlet's round trip in
 * {@code bench/python/peers.py}; {@code createAndFinish}: a new greenlet started and run to its end.
 * Thread hand-offs are measured beside it by {@code ThreadHandoffBenchmark} (JDK 21+).
 *
 * <pre>mvn -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar GreenletBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GreenletBenchmark {
  private Greenlet partner;
  private final Greenlet.Run finishAtOnce = args -> args;

  @Setup
  public void setup() throws Suspend {
    Greenlet main = Greenlet.current();
    partner = new Greenlet(args -> {
      Object v = null;
      for (;;) v = main.switchTo(v);
    });
  }

  @Benchmark
  public Object switchRoundTrip() throws Suspend {
    return partner.switchTo(this);
  }

  @Benchmark
  public Object createAndFinish() throws Suspend {
    return new Greenlet(finishAtOnce).switchTo(this);
  }
}

package dev.weft.continuations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SEMANTICS C15: suspension points in every shape of method and expression. */
class ContinuationShapesTest {
  static final ContinuationScope S = new ContinuationScope("shapes");

  static int pause(int v) throws Suspend {
    Continuation.suspend(S);
    return v;
  }

  static void drain(Continuation k) {
    for (int guard = 0; !k.isDone(); guard++) {
      if (guard > 2_000_000) throw new AssertionError("continuation never finished");
      k.run();
    }
  }

  record Pair(int a, String b) {}

  @Test
  void newObject_constructorArgumentsSuspend_objectBuiltWithResumedValues() {
    Object[] out = new Object[1];
    Continuation k = new Continuation(S, () -> out[0] = new Pair(pause(1) + pause(2), "x" + pause(3)));
    drain(k);
    assertEquals(new Pair(3, "x3"), out[0]);
  }

  @Test
  void nestedNew_innerArgumentSuspends_bothBuilt() {
    Object[] out = new Object[1];
    Continuation k = new Continuation(S, () -> out[0] = List.of(new Pair(pause(7), String.valueOf(new StringBuilder("s").append(pause(8))))));
    drain(k);
    assertEquals(List.of(new Pair(7, "s8")), out[0]);
  }

  interface Shape {
    int area() throws Suspend;

    default int twiceArea() throws Suspend {
      int a = area();
      Continuation.suspend(S);
      return a * 2;
    }

    static int sum(Shape... shapes) throws Suspend {
      int total = 0;
      for (Shape s : shapes) total += s.twiceArea();
      return total;
    }
  }

  static final class Square implements Shape {
    private final int side;

    Square(int side) {
      this.side = side;
    }

    @Override
    public int area() throws Suspend {
      return pause(side) * side;
    }
  }

  private int privateHelper(int x) throws Suspend {
    return pause(x) + 1;
  }

  @Test
  void interfaceDefaultAndStaticMethods_suspend_resultCorrect() {
    int[] out = new int[1];
    Continuation k = new Continuation(S, () -> out[0] = Shape.sum(new Square(2), new Square(3), () -> pause(5)));
    drain(k);
    assertEquals(2 * (4 + 9 + 5), out[0]);
  }

  @Test
  void privateInstanceMethod_suspends_thisIntact() {
    int[] out = new int[1];
    Continuation k = new Continuation(S, () -> out[0] = privateHelper(41));
    drain(k);
    assertEquals(42, out[0]);
  }

  static int staticTarget() throws Suspend {
    return pause(9) + 1;
  }

  int instanceTarget() throws Suspend {
    return pause(19) + 1;
  }

  @Test
  void methodReferences_toSuspendableMethods_suspendAndReturn() {
    List<Object> out = new ArrayList<>();
    SuspendableCallable<Integer> s = ContinuationShapesTest::staticTarget;
    SuspendableCallable<Integer> i = this::instanceTarget;
    Continuation k = new Continuation(S, () -> {
      out.add(s.call());
      out.add(i.call());
    });
    drain(k);
    assertEquals(List.of(10, 20), out);
  }

  @Test
  void loopsAndSwitch_suspendInside_resultCorrect() {
    List<String> out = new ArrayList<>();
    Continuation k = new Continuation(S, () -> {
      for (int i = 0; i < 4; i++) {
        switch (i % 3) {
          case 0: out.add("zero" + pause(i)); break;
          case 1: out.add("one" + pause(i)); break;
          default: out.add("other" + pause(i));
        }
      }
    });
    drain(k);
    assertEquals(List.of("zero0", "one1", "other2", "zero3"), out);
  }

  @Test
  void nestedTryCatchFinally_exceptionsAcrossSuspension_handledInOrder() {
    List<String> out = new ArrayList<>();
    IllegalArgumentException inner = new IllegalArgumentException("inner");
    Continuation k = new Continuation(S, () -> {
      try {
        try {
          pause(1);
          throw inner;
        } catch (IllegalArgumentException e) {
          out.add("caught " + e.getMessage() + pause(2));
          throw new IllegalStateException("outer", e);
        } finally {
          out.add("inner finally " + pause(3));
        }
      } catch (IllegalStateException e) {
        assertSame(inner, e.getCause());
        out.add("caught outer");
      } finally {
        out.add("outer finally");
      }
    });
    drain(k);
    assertEquals(List.of("caught inner2", "inner finally 3", "caught outer", "outer finally"), out);
  }

  static long fib(int n) throws Suspend {
    if (n < 2) {
      Continuation.suspend(S);
      return n;
    }
    return fib(n - 1) + fib(n - 2);
  }

  @Test
  void recursion_suspendAtEveryLeaf_resultCorrect() {
    long[] out = new long[1];
    Continuation k = new Continuation(S, () -> out[0] = fib(15));
    int runs = 0;
    while (!k.isDone()) {
      k.run();
      runs++;
    }
    assertEquals(610, out[0]);
    assertEquals(988, runs); // fib(15) has 987 leaves, plus the final run
  }

  static int descend(int depth) throws Suspend {
    if (depth == 0) {
      Continuation.suspend(S);
      return 0;
    }
    double d = depth * 0.5;
    int r = descend(depth - 1);
    return r + (int) (d * 2);
  }

  // SEMANTICS C16
  @Test
  void recursion_thousandFramesDeep_suspendsAndResumes() {
    int[] out = new int[1];
    Continuation k = new Continuation(S, () -> out[0] = descend(1000));
    k.run();
    assertTrue(!k.isDone());
    k.run();
    assertEquals(1000 * 1001 / 2, out[0]);
  }

  // SEMANTICS C16: churn
  @Test
  void millionSuspendResumeCycles_complete() {
    long[] count = new long[1];
    Continuation k = new Continuation(S, () -> {
      for (int i = 0; i < 1_000_000; i++) {
        count[0] += pause(1);
      }
    });
    drain(k);
    assertEquals(1_000_000, count[0]);
  }

  // SEMANTICS C17
  @Test
  void resume_onAnotherThread_continuesThere() throws Exception {
    List<String> threads = new ArrayList<>();
    Continuation k = new Continuation(S, () -> {
      threads.add(Thread.currentThread().getName());
      pause(0);
      threads.add(Thread.currentThread().getName());
    });
    k.run();
    Thread t = new Thread(k::run, "other");
    t.start();
    t.join();
    assertTrue(k.isDone());
    assertEquals(List.of(Thread.currentThread().getName(), "other"), threads);
  }

  // SEMANTICS C19
  @Test
  void suspendableMethodNotSuspending_behavesLikePlainJava() {
    int[] out = new int[1];
    Continuation k = new Continuation(S, () -> out[0] = notSuspending(5));
    k.run();
    assertTrue(k.isDone());
    assertEquals(120, out[0]);
  }

  static int notSuspending(int n) throws Suspend {
    return n <= 1 ? 1 : n * notSuspending(n - 1);
  }

  static final class Other {
    static int elsewhere(int x) throws Suspend {
      return pause(x) * 3;
    }
  }

  interface IntOp {
    int apply(int x) throws Suspend;
  }

  @Test
  void methodReference_toOtherClassWithPrimitiveAdaptation_works() {
    List<Object> out = new ArrayList<>();
    IntOp op = Other::elsewhere;
    java.util.function.Function<Integer, SuspendableCallable<Integer>> boxed = x -> () -> Other.elsewhere(x);
    Continuation k = new Continuation(S, () -> {
      out.add(op.apply(2));
      out.add(boxed.apply(4).call());
      out.add(Other.elsewhere(1));
    });
    drain(k);
    assertEquals(List.of(6, 12, 3), out);
  }

  final class Small {
    boolean flag() throws Suspend {
      Continuation.suspend(S);
      return true;
    }

    char letter() throws Suspend {
      Continuation.suspend(S);
      return 'q';
    }

    byte tiny() throws Suspend {
      Continuation.suspend(S);
      return (byte) -3;
    }

    short half() throws Suspend {
      Continuation.suspend(S);
      return (short) 300;
    }
  }

  // A method reference boxes small integral results after a resume as their own types (#6 report)
  @Test
  void methodReferences_smallIntegralResults_boxedAsTheirTypes() {
    Small small = new Small();
    List<SuspendableCallable<?>> refs = List.of(small::flag, small::letter, small::tiny, small::half);
    List<Object> out = new ArrayList<>();
    Continuation k = new Continuation(S, () -> {
      for (SuspendableCallable<?> r : refs) out.add(r.call());
    });
    drain(k);
    assertEquals(List.of(Boolean.TRUE, 'q', (byte) -3, (short) 300), out);
    assertEquals(List.of(Boolean.class, Character.class, Byte.class, Short.class),
        out.stream().map(Object::getClass).collect(java.util.stream.Collectors.toList()));
  }
}

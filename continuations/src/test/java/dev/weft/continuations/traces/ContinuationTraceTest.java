package dev.weft.continuations.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.Continuation;
import dev.weft.continuations.ContinuationScope;
import dev.weft.continuations.Suspend;
import dev.weft.testing.SourceLines;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #16: an exception thrown after a resume carries its callers as if they had never been
 * unwound: each saved caller under its own name with the line of its call site, and none of the
 * resume loop's frames.
 */
class ContinuationTraceTest {
  static final ContinuationScope S = new ContinuationScope("traces");

  static int handler() throws Suspend {
    return loadConfig() + 1; // @line handler
  }

  static int loadConfig() throws Suspend {
    int v = parseConfig("not-a-number"); // @line loadConfig
    return v * 2;
  }

  static int parseConfig(String s) throws Suspend {
    Continuation.suspend(S);
    return Integer.parseInt(s); // @line parseConfig
  }

  static int line(String marker) {
    return SourceLines.of(ContinuationTraceTest.class, marker);
  }

  @Test
  void thrownAfterResume_carriesEveryCallerWithItsCallSiteLine() {
    Continuation k = new Continuation(S, () -> handler()); // @line body
    k.run();
    NumberFormatException e = assertThrows(NumberFormatException.class, k::run); // @line resume
    assertEquals(List.of(
        "ContinuationTraceTest.parseConfig:" + line("parseConfig"),
        "ContinuationTraceTest.loadConfig:" + line("loadConfig"),
        "ContinuationTraceTest.handler:" + line("handler"),
        "ContinuationTraceTest.lambda$thrownAfterResume_carriesEveryCallerWithItsCallSiteLine:" + line("body")),
        SourceLines.frames(e, ContinuationTraceTest.class).subList(0, 4));
    for (StackTraceElement el : e.getStackTrace()) {
      assertFalse(el.getMethodName().contains("$weft") || el.getMethodName().equals("weft$resume"), el.toString());
      assertFalse(el.getClassName().startsWith("dev.weft.continuations.internal"), el.toString());
      assertFalse(el.getClassName().equals(Continuation.class.getName()), el.toString());
    }
    assertEquals("java.lang.Integer", Arrays.stream(e.getStackTrace()).filter(el -> !el.getClassName().startsWith("java.lang.NumberFormat"))
        .findFirst().get().getClassName());
  }

  static int rethrowsWrapped() throws Suspend {
    try {
      return loadConfig(); // @line wrapCall
    } catch (NumberFormatException e) {
      throw new IllegalStateException("config broken", e); // @line wrapThrow
    }
  }

  @Test
  void wrappedAfterResume_bothTracesAreLogical() {
    Continuation k = new Continuation(S, () -> rethrowsWrapped()); // @line wrapBody
    k.run();
    IllegalStateException e = assertThrows(IllegalStateException.class, k::run);
    assertEquals(List.of(
        "ContinuationTraceTest.rethrowsWrapped:" + line("wrapThrow"),
        "ContinuationTraceTest.lambda$wrappedAfterResume_bothTracesAreLogical:" + line("wrapBody")),
        SourceLines.frames(e, ContinuationTraceTest.class).subList(0, 2));
    assertEquals(List.of(
        "ContinuationTraceTest.parseConfig:" + line("parseConfig"),
        "ContinuationTraceTest.loadConfig:" + line("loadConfig"),
        "ContinuationTraceTest.rethrowsWrapped:" + line("wrapCall"),
        "ContinuationTraceTest.lambda$wrappedAfterResume_bothTracesAreLogical:" + line("wrapBody")),
        SourceLines.frames(e.getCause(), ContinuationTraceTest.class).subList(0, 4));
  }

  static void throwsAtOnce() throws Suspend {
    throw new IllegalArgumentException("before any suspension"); // @line atOnce
  }

  @Test
  void thrownBeforeAnySuspension_traceIsTheJvmsOwn() {
    Continuation k = new Continuation(S, () -> throwsAtOnce());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, k::run);
    assertEquals("ContinuationTraceTest.throwsAtOnce:" + line("atOnce"), SourceLines.frames(e, ContinuationTraceTest.class).get(0));
    // untouched: the runtime's frames are still there, as the JVM recorded them
    assertTrue(Arrays.stream(e.getStackTrace()).anyMatch(el -> el.getClassName().endsWith(".Runner") && el.getMethodName().equals("run")));
  }

  static void finallyThrows() throws Suspend {
    try {
      Continuation.suspend(S);
    } finally {
      cleanup(); // @line finallyCall
    }
  }

  static void cleanup() {
    throw new IllegalStateException("in finally"); // @line cleanup
  }

  static void callsFinallyThrows() throws Suspend {
    finallyThrows(); // @line callsFinally
  }

  @Test
  void thrownInFinallyAfterResume_carriesTheCallers() {
    Continuation k = new Continuation(S, () -> callsFinallyThrows());
    k.run();
    IllegalStateException e = assertThrows(IllegalStateException.class, k::run);
    assertEquals(List.of(
        "ContinuationTraceTest.cleanup:" + line("cleanup"),
        "ContinuationTraceTest.finallyThrows:" + line("finallyCall"),
        "ContinuationTraceTest.callsFinallyThrows:" + line("callsFinally")),
        SourceLines.frames(e, ContinuationTraceTest.class).subList(0, 3));
  }

  static final ContinuationScope INNER = new ContinuationScope("traces-inner");
  static List<String> seen;

  static void innerDeep() throws Suspend {
    Continuation.suspend(INNER);
    seen = names(dev.weft.continuations.internal.abi.Runner.runningStack()); // @line innerCapture
  }

  static void innerBody() throws Suspend {
    innerDeep(); // @line innerBody
  }

  static void outerDeep(Continuation inner) throws Suspend {
    Continuation.suspend(S); // from here on outerMiddle is a saved record of the outer
    inner.run(); // @line outerRunsInner
  }

  static void outerMiddle(Continuation inner) throws Suspend {
    outerDeep(inner); // @line outerMiddle
  }

  static List<String> names(List<StackTraceElement> stack) {
    List<String> out = new java.util.ArrayList<>();
    for (StackTraceElement e : stack) {
      String m = e.getMethodName().replaceAll("^(lambda\\$.*)\\$\\d+$", "$1");
      out.add(e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + "." + m + ":" + e.getLineNumber());
    }
    return out;
  }

  // Runner.runningStack, which call graphs and debug-mode creation stacks use: through a nested
  // runner, the outer's callers that a lazy resume has not re-entered are named from its records.
  @Test
  void runningStack_insideANestedContinuation_namesTheOutersSavedCallersToo() {
    Continuation inner = new Continuation(INNER, () -> innerBody()); // @line innerLambda
    inner.run(); // suspended in innerDeep: innerBody and the lambda are records now
    Continuation outer = new Continuation(S, () -> outerMiddle(inner)); // @line outerLambda
    outer.run();
    outer.run();
    assertTrue(outer.isDone() && inner.isDone());
    assertEquals(List.of(
        "ContinuationTraceTest.innerDeep:" + line("innerCapture"),
        "ContinuationTraceTest.innerBody:" + line("innerBody"),
        "ContinuationTraceTest.lambda$runningStack_insideANestedContinuation_namesTheOutersSavedCallersToo:" + line("innerLambda"),
        "ContinuationTraceTest.outerDeep:" + line("outerRunsInner"),
        "ContinuationTraceTest.outerMiddle:" + line("outerMiddle"),
        "ContinuationTraceTest.lambda$runningStack_insideANestedContinuation_namesTheOutersSavedCallersToo:" + line("outerLambda")),
        seen);
  }
}

package dev.weft.continuations.instrument.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The declared list of library code treated as suspendable: its forms, and what it refuses. */
class SuspendablesTest {
  private static final Suspendables LIST = Suspendables.parse("test", String.join("\n",
      "# a comment line",
      "com.google.common.collect.*   # a trailing comment",
      "org.apache.commons.collections4.**",
      "com.acme.Walker, com.acme.Visitor#visit",
      ""));

  @Test
  void packageEntry_coversItsClassesOnly() {
    assertTrue(LIST.coversClass("com/google/common/collect/FluentIterable"));
    assertTrue(LIST.coversClass("com/google/common/collect/FluentIterable$1"));
    assertFalse(LIST.coversClass("com/google/common/collect/testing/Helpers"));
    assertFalse(LIST.coversClass("com/google/common/base/Function"));
    assertFalse(LIST.coversClass("com/google/common/collect/package-info"));
  }

  @Test
  void subpackagesEntry_coversTheWholeTree() {
    assertTrue(LIST.coversClass("org/apache/commons/collections4/CollectionUtils"));
    assertTrue(LIST.coversClass("org/apache/commons/collections4/bag/HashBag"));
    assertFalse(LIST.coversClass("org/apache/commons/collections4x/Other"));
  }

  @Test
  void classAndMethodEntries_coverNestedClassesAndTheMethodsLambdas() {
    assertTrue(LIST.coversMethod("com/acme/Walker$Step", "anything"));
    assertFalse(LIST.coversClass("com/acme/WalkerFactory"));
    assertTrue(LIST.coversMethod("com/acme/Visitor", "visit"));
    assertTrue(LIST.coversMethod("com/acme/Visitor", "lambda$visit$0"));
    assertFalse(LIST.coversMethod("com/acme/Visitor", "visitAll"));
  }

  @Test
  void jdkPackage_isRefusedSayingWhy() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Suspendables.parse("opt", "java.util.*"));
    assertTrue(e.getMessage().contains("'java.util.*' (in opt)") && e.getMessage().contains("JDK code (module java.base)")
        && e.getMessage().contains("loaded before any agent"), e.getMessage());
  }

  @Test
  void jdkClassOutsideJava_andWeftsRuntime_areRefused() {
    IllegalArgumentException swing = assertThrows(IllegalArgumentException.class, () -> Suspendables.parse("opt", "javax.swing.JTable"));
    assertTrue(swing.getMessage().contains("module java.desktop"), swing.getMessage());
    IllegalArgumentException weft = assertThrows(IllegalArgumentException.class,
        () -> Suspendables.parse("opt", "dev.weft.continuations.internal.**"));
    assertTrue(weft.getMessage().contains("Weft's own runtime"), weft.getMessage());
  }

  @Test
  void malformedEntry_isRefusedNamingItAndTheForms() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Suspendables.parse("f", "com.acme.*#visit"));
    assertTrue(e.getMessage().contains("malformed entry 'com.acme.*#visit' in f") && e.getMessage().contains("com.acme.**"), e.getMessage());
  }
}

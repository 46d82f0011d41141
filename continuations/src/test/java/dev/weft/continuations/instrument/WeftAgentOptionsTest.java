package dev.weft.continuations.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The agent's one option, {@code -javaagent:weft.jar=suspendables=...}. */
class WeftAgentOptionsTest {
  @Test
  void suspendablesOption_isTheListAfterTheEqualsSign() {
    assertEquals("com.google.common.collect.*,org.acme.**", WeftAgent.suspendables("suspendables=com.google.common.collect.*,org.acme.**"));
    assertEquals("", WeftAgent.suspendables(null));
    assertEquals("", WeftAgent.suspendables(""));
  }

  @Test
  void unknownOption_isRefusedNamingTheOneOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeftAgent.suspendables("suspendable=a.*"));
    assertTrue(e.getMessage().contains("'suspendable=a.*'") && e.getMessage().contains("suspendables=<entries"), e.getMessage());
  }
}
